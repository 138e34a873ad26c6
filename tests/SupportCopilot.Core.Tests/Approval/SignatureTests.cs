using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Drafting;

namespace SupportCopilot.Core.Tests.Approval;

/// <summary>Issue 17.3: a signature per agent, queue (team) or the whole team, added to what the customer receives.</summary>
public class SignatureTests
{
    private static readonly Actor Admin = new("admin-1", "admin@x.test");

    [Fact]
    public void CustomerCopy_AddsTheSignatureAfterTheSources_InTheCustomersLanguage()
    {
        DraftCitation[] cited = [new() { Number = 1, FileName = "guide.pdf", HeadingPath = "Filter", Page = 2 }];

        var text = CustomerCopy.Of("Drücken Sie die Taste [1].\n\nViele Grüße", cited, [], "https://help.example.com", new CopyStyle("Quellen", "Alex\nNimbus Support", "Seite"));

        Assert.Equal("Drücken Sie die Taste.\n\nViele Grüße\n\nQuellen:\n- [guide, Seite 2](https://help.example.com/guide.pdf#page=2)\n\nAlex\nNimbus Support", text);
        Assert.Equal("Thanks!\n\nAlex", CustomerCopy.Of("Thanks!\n", [], [], null, new CopyStyle("Sources", "Alex")));
    }

    [Fact]
    public async Task AgentsOwn_WinsOverTheQueues_WhichWinsOverTheTeams_AndAgentBecomesTheName()
    {
        await using var host = await TestHost.StartAsync();
        var signatures = host.Get<Signatures>();
        var agent = await host.CreateUserAsync("alex@x.test", SupportCopilot.Core.Security.Roles.Agent);

        Assert.Null(await signatures.ForAsync(agent, "Billing"));
        Assert.True((await signatures.SaveAsync(Signatures.Team, "{agent}\nNimbus Support", Admin)).Saved);
        Assert.Equal("alex\nNimbus Support", await signatures.ForAsync(agent, "Billing"));
        Assert.True((await signatures.SaveAsync(Signatures.OfQueue("Billing"), "{agent}, Billing team", Admin)).Saved);
        Assert.Equal("alex, Billing team", await signatures.ForAsync(agent, "Billing"));
        Assert.Equal("alex\nNimbus Support", await signatures.ForAsync(agent, "Hardware"));
        Assert.True((await signatures.SaveAsync(Signatures.OfUser(agent), "Alex K.", new Actor(agent, "alex@x.test"))).Saved);
        Assert.Equal("Alex K.", await signatures.ForAsync(agent, "Billing"));
        // emptied: removed, the queue's applies again
        Assert.Equal((true, "Signature removed."), await signatures.SaveAsync(Signatures.OfUser(agent), "  ", Admin));
        Assert.Equal("alex, Billing team", await signatures.ForAsync(agent, "Billing"));
        Assert.False((await signatures.SaveAsync(Signatures.Team, new string('x', Signatures.MaxText + 1), Admin)).Saved);
        Assert.False((await signatures.SaveAsync("anyone", "x", Admin)).Saved);
    }

    [Fact]
    public async Task ApprovedReply_IsSentWithTheSignature_TheApprovalCoversIt_AndMemoryKeepsTheReplyWithout()
    {
        await using var host = await TestHost.StartAsync();
        await host.Get<Signatures>().SaveAsync(Signatures.Team, "{agent}\nNimbus Support", Admin);
        var agent = await host.CreateUserAsync("agent@x.test", SupportCopilot.Core.Security.Roles.Agent);
        var (ticket, draft) = await Fixtures.TicketWithDraftAsync(host);

        Assert.Equal(ApprovalOutcome.Approved, (await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, draft.Text, agent)).Outcome);

        await using var db = host.Db();
        var outbox = await db.Outbox.SingleAsync(o => o.TicketId == ticket.Id);
        Assert.EndsWith("Best regards\n\nagent\nNimbus Support", outbox.Body);
        Assert.Equal(outbox.Body, (await db.Approvals.SingleAsync()).FinalText);
        Assert.Equal(outbox.Body, (await db.TicketMessages.OrderBy(m => m.Id).LastAsync(m => m.TicketId == ticket.Id)).Body);
        // the preview computes the same style
        var style = await host.Get<CopyStyles>().ForAsync(ticket.Id, agent);
        Assert.Equal(outbox.Body, CustomerCopy.Of(draft.Text, draft.Citations.ToList(), [], null, style));
        Assert.DoesNotContain("Nimbus Support", (await db.ReplyMemories.SingleAsync()).ReplyText);
        Assert.True(await host.Get<OutboxSender>().SendAsync(outbox.Id, CancellationToken.None)); // the sender's approval check accepts it
    }

    [Fact]
    public async Task OwnReply_GetsTheSignatureToo()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", SupportCopilot.Core.Security.Roles.Agent);
        await host.Get<Signatures>().SaveAsync(Signatures.OfUser(agent), "Sam from Support", Admin);
        var (ticket, _) = await Fixtures.TicketWithDraftAsync(host);

        Assert.Equal(ApprovalOutcome.Approved, (await host.Get<ApprovalService>().SendOwnReplyAsync(ticket.Id, "We sent a new filter today.", agent)).Outcome);

        await using var db = host.Db();
        Assert.Equal("We sent a new filter today.\n\nSam from Support", (await db.Outbox.SingleAsync()).Body);
    }
}
