using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Drafting;

namespace SupportCopilot.Core.Tests.Approval;

/// <summary>Issue 17.3: the customer never gets bare [n] markers; with a public knowledge base, cited documents are linked.</summary>
public class CustomerCopyTests
{
    private static readonly DraftCitation[] Cited =
    [
        new() { Number = 1, FileName = "purifier-guide.pdf", HeadingPath = "Filter", Page = 4 },
        new() { Number = 2, FileName = "app guide.md", HeadingPath = "Pairing" },
    ];

    [Fact]
    public void Markers_TheDraftCited_Go_TheAgentsOwnBracketsStay()
    {
        var text = CustomerCopy.Of("Hold the Filter button [1]. Pair again in the app [2] [T1]. Step [7] of your note stays.", Cited, [new MemoryUse(1, 5, 9, 0.8)], null);
        Assert.Equal("Hold the Filter button. Pair again in the app. Step [7] of your note stays.", text);
    }

    [Fact]
    public void WithAPublicBaseUrl_CitedDocumentsBecomeASourcesList()
    {
        var text = CustomerCopy.Of("Hold the Filter button [1].", Cited, [], "https://help.example.com/docs/");
        Assert.Equal("Hold the Filter button.\n\nSources:\n- [purifier-guide, page 4](https://help.example.com/docs/purifier-guide.pdf#page=4)", text);
    }

    [Fact]
    public void AReplyWithoutCitations_IsSentAsWritten()
    {
        Assert.Equal("See [1] in your contract.", CustomerCopy.Of("See [1] in your contract.", [], [], "https://help.example.com"));
    }

    [Fact]
    public async Task ApprovedDraft_ReachesTheOutboxAndTheThread_WithoutMarkers_AndTheApprovalCoversThatText()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", SupportCopilot.Core.Security.Roles.Agent);
        var (ticket, draft) = await Fixtures.TicketWithDraftAsync(host);
        Assert.Contains("[1]", draft.Text);

        Assert.Equal(ApprovalOutcome.Approved, (await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, draft.Text, agent)).Outcome);

        await using var db = host.Db();
        var outbox = await db.Outbox.SingleAsync(o => o.TicketId == ticket.Id);
        Assert.DoesNotMatch(@"\[\d+\]", outbox.Body);
        Assert.Equal(outbox.Body, (await db.Approvals.SingleAsync()).FinalText);
        Assert.Equal(outbox.Body, (await db.TicketMessages.OrderBy(m => m.Id).LastAsync(m => m.TicketId == ticket.Id)).Body);
        Assert.Equal(0, (await db.Approvals.SingleAsync()).EditRatio); // the agent changed nothing
        Assert.True(await host.Get<OutboxSender>().SendAsync(outbox.Id, CancellationToken.None)); // the sender's approval check accepts it
    }
}
