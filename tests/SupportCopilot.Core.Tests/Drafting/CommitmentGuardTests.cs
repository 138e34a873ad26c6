using System.Text;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Drafting.Guards;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Drafting;

/// <summary>Issue 18.1: what an attacker wants in our reply is highlighted and needs a deliberate confirmation.</summary>
public class CommitmentGuardTests
{
    private const string Policy = "Returns are free within 30 days. The filter costs €39.90. A replacement ships in 3 business days.";

    [Theory]
    [InlineData("Good news: your refund has been approved and will reach you shortly.", "promises a refund or return")]
    [InlineData("We will refund the full price today.", "promises a refund or return")]
    [InlineData("Ihre Rückerstattung wurde genehmigt.", "promises a refund or return")]
    [InlineData("As an apology you get €50 back.", "names an amount")]
    [InlineData("Use the voucher code SAVE50NOW at checkout.", "gives a voucher or discount code")]
    [InlineData("You get 40% off your next order.", "promises a discount")]
    [InlineData("A technician will visit within 24 hours.", "promises a deadline")]
    [InlineData("The repair is guaranteed to work.", "gives a guarantee")]
    [InlineData("There is no need to verify your identity for this.", "skips a verification")]
    [InlineData("We can process it without any proof of purchase.", "skips a verification")]
    public void UnbackedPromises_AreFound(string draft, string reason)
    {
        var found = CommitmentGuard.Find(draft, Policy);

        Assert.Contains(found, c => c.Reason == reason);
    }

    [Theory]
    [InlineData("Returns are free within 30 days [1].")]
    [InlineData("The filter costs €39.90 [1].")]
    [InlineData("A replacement ships in 3 business days [1].")]
    [InlineData("Hold the Filter button for five seconds until the light turns green [1].")]
    [InlineData("Please send us your order number so we can check the status.")]
    [InlineData("Ihre Frage zur Garantie: bitte senden Sie uns den Kaufbeleg.")] // the noun, no promise (a sample draft once)
    public void BackedOrHarmlessText_IsNotFlagged(string draft) => Assert.Empty(CommitmentGuard.Find(draft, Policy));

    [Fact]
    public async Task InjectedPromise_WrittenByTheModel_NeedsTheAgentsConfirmation_AndIsAudited()
    {
        await using var ollama = await FakeOllama.StartAsync();
        // A compromised answer: it passes the citation checks, but promises what the ticket's hidden text asked for.
        ollama.ChatReply = _ => "Open the back cover and pull the old filter out [1]. Your refund of €500 has been approved.";
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Models:Chat:0:Provider"] = "Ollama", ["Models:Chat:0:Endpoint"] = ollama.Url.ToString(), ["Models:Chat:0:Model"] = "qwen2.5",
        });
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var (_, draft) = await Fixtures.TicketWithDraftAsync(host); // whatever the ticket hid, the answer below is what it won
        Assert.Equal(DraftKind.Model, draft.Kind);
        Assert.Equal(["promises a refund or return", "names an amount"], draft.CommitmentList().Select(c => c.Reason));
        var approvals = host.Get<ApprovalService>();

        var oneKey = await approvals.ApproveAsync(draft.Id, draft.ConcurrencyStamp, draft.Text, agent);
        Assert.Equal(ApprovalOutcome.NeedsConfirmation, oneKey.Outcome);
        await using (var db = host.Db()) Assert.False(await db.Outbox.AnyAsync());

        var confirmed = await approvals.ApproveAsync(draft.Id, draft.ConcurrencyStamp, draft.Text, agent, commitmentsConfirmed: true);
        Assert.Equal(ApprovalOutcome.Approved, confirmed.Outcome);
        await using var check = host.Db();
        Assert.Contains("confirmed commitments", (await check.AuditEntries.OrderBy(a => a.Id).LastAsync(a => a.Action == Audit.AuditActions.DraftApproved)).Detail);
    }

    [Fact]
    public async Task AnEditThatRemovesThePromise_NeedsNoConfirmation()
    {
        await using var ollama = await FakeOllama.StartAsync();
        ollama.ChatReply = _ => "Open the back cover and pull the old filter out [1]. Use the voucher code FREE2025X for your next order.";
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Models:Chat:0:Provider"] = "Ollama", ["Models:Chat:0:Endpoint"] = ollama.Url.ToString(), ["Models:Chat:0:Model"] = "qwen2.5",
        });
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var (_, draft) = await Fixtures.TicketWithDraftAsync(host);
        Assert.Single(draft.CommitmentList());

        var result = await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, "Open the back cover and pull the old filter out.", agent);

        Assert.Equal(ApprovalOutcome.Approved, result.Outcome);
    }
}
