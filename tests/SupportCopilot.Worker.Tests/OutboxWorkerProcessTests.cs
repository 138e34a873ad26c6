using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Worker.Tests;

/// <summary>Scale-out shape: the app approves, a separate SupportCopilot.Worker process on the same database sends.</summary>
public class OutboxWorkerProcessTests
{
    [Fact]
    public async Task WorkerProcess_DeliversApprovedMessageExactlyOnce()
    {
        await using var h = await WorkerHarness.StartAsync();
        var outboxId = await ApproveOneReplyAsync(h);

        h.StartWorker(("Workers__Ingestion", "false"));

        Assert.True(await h.WaitUntilAsync(db => db.Outbox.AnyAsync(o => o.Id == outboxId && o.Status == OutboxStatus.Sent), TimeSpan.FromSeconds(30)));
        var mail = Path.Combine(h.DataDirectory, "outbox-mail", $"{outboxId}.eml");
        Assert.Contains("Hold the Filter button for 5 seconds.", await File.ReadAllTextAsync(mail));
        await using var check = h.Db();
        Assert.Equal(1, (await check.Outbox.SingleAsync()).Attempts);
    }

    [Fact]
    public async Task WorkerKilledDuringSmtpDelivery_TheCustomerGetsTheMailOnce()
    {
        // Issue 21.3: kill -9 during delivery, and the next sender delivered the same mail again after the lease.
        var mail = new SupportCopilot.Core.Tests.Mail.MailServers { QuitDelaySeconds = 4 };
        await mail.InitializeAsync();
        try { await KillDuringSmtpDeliveryAsync(mail); }
        finally { await mail.DisposeAsync(); }
    }

    private static async Task KillDuringSmtpDeliveryAsync(SupportCopilot.Core.Tests.Mail.MailServers mail)
    {
        await using var h = await WorkerHarness.StartAsync();
        var outboxId = await ApproveOneReplyAsync(h);
        var smtp = mail.SmtpSettings().Concat(mail.ImapSettings()).Select(kv => (kv.Key.Replace(":", "__"), kv.Value!)).ToList();
        (string, string)[] common = [("Workers__Ingestion", "false"), ("Workers__Triage", "false"), ("Workers__Drafting", "false"), ("Outbox__LeaseSeconds", "5"), .. smtp];

        var first = h.StartWorker(common);
        Assert.True(await h.WaitUntilAsync(db => db.Outbox.AnyAsync(o => o.Id == outboxId && o.HandedOffAt != null), TimeSpan.FromSeconds(60)));
        // Killed once exim has the mail and while the worker waits for exim's answer to QUIT: handed over, not recorded.
        Assert.True(await WaitForAsync(() => mail.Delivered().Count == 1, TimeSpan.FromSeconds(30)));
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        Assert.Equal(OutboxStatus.Sending, (await h.Db().Outbox.AsNoTracking().SingleAsync()).Status);

        // The next sender looks the message up where sent mail appears before it sends anything again.
        h.StartWorker([.. common, ("Outbox__Smtp__SentFolder", "INBOX")]);
        Assert.True(await h.WaitUntilAsync(db => db.Outbox.AnyAsync(o => o.Id == outboxId && o.Status == OutboxStatus.Sent), TimeSpan.FromSeconds(60)));
        await Task.Delay(TimeSpan.FromSeconds(2)); // a second delivery would have been taken by now (it is the QUIT that waits)
        Assert.Single(mail.Delivered(), m => m.TextBody?.Contains("Hold the Filter button for 5 seconds.") == true);
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        for (var waited = TimeSpan.Zero; waited < timeout; waited += TimeSpan.FromMilliseconds(50))
        {
            if (condition()) return true;
            await Task.Delay(50);
        }
        return condition();
    }

    private static async Task<int> ApproveOneReplyAsync(WorkerHarness h)
    {
        string agentId;
        await using (var scope = h.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().CreateAsync(new IdentityRole(Roles.Agent));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var agent = new AppUser { UserName = "agent@x.test", Email = "agent@x.test" };
            await users.CreateAsync(agent);
            await users.AddToRoleAsync(agent, Roles.Agent);
            agentId = agent.Id;
        }
        await h.Get<KnowledgeUploads>().UploadAsync("g.md", Encoding.UTF8.GetBytes("# Filter\n\nHold the Filter button for 5 seconds after a filter change."));
        await h.Get<IngestionWorker>().DrainAsync();
        var ticket = await h.Get<TicketService>().CreateAsync(new NewTicket("Filter light", "How do I reset the filter light?", "c@example.com"));
        var draft = await h.Get<DraftingService>().EnsureDraftAsync(ticket.Id);
        var result = await h.Get<ApprovalService>().ApproveAsync(draft!.Id, draft.ConcurrencyStamp, "Hold the Filter button for 5 seconds.", agentId);
        Assert.Equal(ApprovalOutcome.Approved, result.Outcome);
        await using var db = h.Db();
        return (await db.Outbox.SingleAsync()).Id;
    }
}
