using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Tests.Triage;

public class ReplyRetriageTests
{
    [Fact]
    public async Task CustomerReply_ReopensTheTicket_AndTheJobTriagesItAgainWithTheNewText()
    {
        await using var host = await TestHost.StartAsync();
        var tickets = host.Get<TicketService>();
        var ticket = await tickets.CreateAsync(new NewTicket("Question", "Hello, how do I pair the app?", "a@example.com"));
        await host.Get<TriageWorker>().TriagePendingAsync(CancellationToken.None);
        await using (var db = host.Db())
        {
            Assert.Equal("neutral", (await db.Triages.SingleAsync()).Sentiment);
            await db.Tickets.ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Replied));
        }

        Assert.NotNull(await tickets.AddCustomerReplyAsync(ticket.Id, "This is unacceptable, it is still broken and I am very disappointed!"));
        await host.Get<TriageWorker>().TriagePendingAsync(CancellationToken.None);

        await using var check = host.Db();
        var t = await check.Tickets.Include(x => x.Triage).Include(x => x.Messages).SingleAsync();
        Assert.Equal((TicketStatus.Open, 2, "negative"), (t.Status, t.Messages.Count, t.Triage!.Sentiment));
    }

    [Fact]
    public async Task CustomerReply_KeepsAHumanTriage()
    {
        await using var host = await TestHost.StartAsync();
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("Question", "How do I pair the app?", "a@example.com"));
        Assert.Null(await host.Get<TriageCorrections>().CorrectAsync(ticket.Id, "priority", "high", "agent-1"));

        await host.Get<TicketService>().AddCustomerReplyAsync(ticket.Id, "Any news?");
        await host.Get<TriageWorker>().TriagePendingAsync(CancellationToken.None);

        await using var db = host.Db();
        Assert.Equal(("agent", "high"), ((await db.Triages.SingleAsync()).Engine, (await db.Triages.SingleAsync()).Priority));
    }

    [Fact]
    public async Task CustomerReply_UnknownTicketOrEmptyText_IsRefused()
    {
        await using var host = await TestHost.StartAsync();
        Assert.Null(await host.Get<TicketService>().AddCustomerReplyAsync(999, "hello"));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Get<TicketService>().AddCustomerReplyAsync(1, " "));
    }
}
