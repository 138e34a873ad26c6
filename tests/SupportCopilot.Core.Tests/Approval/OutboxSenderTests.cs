using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Core.Tests.Approval;

public class OutboxSenderTests
{
    [Fact]
    public async Task ProcessDue_ApprovedMessage_IsDeliveredOnceAsMail()
    {
        await using var host = await TestHost.StartAsync();
        await Fixtures.ApprovedReplyAsync(host, "Here is the answer.");
        var sender = host.Get<OutboxSender>();

        Assert.Equal(1, await sender.ProcessDueAsync(CancellationToken.None));
        Assert.Equal(0, await sender.ProcessDueAsync(CancellationToken.None));

        await using var db = host.Db();
        var message = await db.Outbox.SingleAsync();
        Assert.Equal((OutboxStatus.Sent, 1), (message.Status, message.Attempts));
        var mail = await File.ReadAllTextAsync(Path.Combine(host.Get<PickupDirectoryChannel>().Folder, $"{message.Id}.eml"));
        Assert.Contains("To: dana@example.com", mail);
        Assert.Contains("Here is the answer.", mail);
    }

    [Fact]
    public async Task Send_MessageWithoutApproval_IsRefusedAndMarkedFailed()
    {
        await using var host = await TestHost.StartAsync();
        var (ticket, _) = await Fixtures.TicketWithDraftAsync(host);
        int id;
        await using (var db = host.Db())
        {
            // Code that bypasses the approval service and writes the outbox directly.
            var rogue = new OutboxMessage { TicketId = ticket.Id, To = "dana@example.com", Subject = "Re", Body = "unapproved", CreatedAt = DateTime.UtcNow };
            db.Outbox.Add(rogue);
            await db.SaveChangesAsync();
            id = rogue.Id;
        }

        await Assert.ThrowsAsync<SendRefusedException>(() => host.Get<OutboxSender>().SendAsync(id, CancellationToken.None));

        await using var check = host.Db();
        var message = await check.Outbox.SingleAsync();
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal("Refused: no approval record", message.LastError);
        Assert.False(Directory.Exists(host.Get<PickupDirectoryChannel>().Folder));
    }

    [Fact]
    public async Task Send_TextChangedAfterApproval_IsRefused()
    {
        await using var host = await TestHost.StartAsync();
        await Fixtures.ApprovedReplyAsync(host, "Approved text.");
        await using (var db = host.Db()) await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(o => o.Body, "Tampered text."));

        var outboxId = (await host.Db().Outbox.SingleAsync()).Id;
        var ex = await Assert.ThrowsAsync<SendRefusedException>(() => host.Get<OutboxSender>().SendAsync(outboxId, CancellationToken.None));
        Assert.Contains("does not cover this text", ex.Message);
    }

    [Theory]
    [InlineData("attacker@evil.example", null)]
    [InlineData(null, "Re: Your refund of 5,000 EUR")]
    public async Task Send_RecipientOrSubjectChangedAfterApproval_IsRefused(string? to, string? subject)
    {
        // Issue 21.17: the send-time check covered the text only.
        await using var host = await TestHost.StartAsync();
        await Fixtures.ApprovedReplyAsync(host, "Approved text.");
        await using (var db = host.Db())
            await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(o => o.To, o => to ?? o.To).SetProperty(o => o.Subject, o => subject ?? o.Subject));

        var outboxId = (await host.Db().Outbox.SingleAsync()).Id;
        var ex = await Assert.ThrowsAsync<SendRefusedException>(() => host.Get<OutboxSender>().SendAsync(outboxId, CancellationToken.None));
        Assert.Contains("recipient or subject", ex.Message);
        Assert.False(Directory.Exists(host.Get<PickupDirectoryChannel>().Folder));
    }

    [Fact]
    public async Task ProcessDue_ChannelDown_SchedulesRetryAndKeepsMessage()
    {
        await using var host = await TestHost.StartAsync(s => s.AddSingleton<IReplyChannel, BrokenChannel>());
        await Fixtures.ApprovedReplyAsync(host, "Answer.");

        Assert.Equal(0, await host.Get<OutboxSender>().ProcessDueAsync(CancellationToken.None));

        await using var db = host.Db();
        var message = await db.Outbox.SingleAsync();
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal("broken: connection refused", message.LastError);
        Assert.True(message.NextAttemptAt > DateTime.UtcNow.AddSeconds(20));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InterruptedHandOff_ToThePickupFolder_IsCheckedBeforeSendingAgain(bool fileWasWritten)
    {
        await using var host = await TestHost.StartAsync();
        await Fixtures.ApprovedReplyAsync(host, "Here is the answer.");
        var folder = host.Get<PickupDirectoryChannel>().Folder;
        var id = await CrashedMidHandOffAsync(host);
        var path = Path.Combine(folder, $"{id}.eml");
        if (fileWasWritten)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(path, "the mail the crashed sender wrote");
        }

        Assert.Equal(1, await host.Get<OutboxSender>().ProcessDueAsync(CancellationToken.None));

        await using var db = host.Db();
        Assert.Equal(OutboxStatus.Sent, (await db.Outbox.SingleAsync()).Status);
        // Written already: confirmed, not written again. Not written: delivered now.
        Assert.Equal(fileWasWritten, (await File.ReadAllTextAsync(path)) == "the mail the crashed sender wrote");
    }

    /// <summary>The state a sender killed during delivery leaves behind: claimed, handed off, lease run out.</summary>
    internal static async Task<int> CrashedMidHandOffAsync(TestHost host)
    {
        await using var db = host.Db();
        var past = DateTime.UtcNow.AddMinutes(-5);
        await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Sending).SetProperty(o => o.Attempts, 1)
            .SetProperty(o => o.LeaseUntil, past).SetProperty(o => o.HandedOffAt, past));
        return (await db.Outbox.SingleAsync()).Id;
    }

    private sealed class BrokenChannel : IReplyChannel
    {
        public string Name => "broken";
        public Task DeliverAsync(OutboxMessage message, CancellationToken ct) => throw new IOException("connection refused");
        public Task<DeliveryCheck> CheckDeliveredAsync(OutboxMessage message, CancellationToken ct) => Task.FromResult(DeliveryCheck.NotDelivered);
    }
}
