using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Dashboard;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Tests.Drafting;

/// <summary>Issue 17.4: an "I could not find this" draft escalates, and approving it keeps the ticket open.</summary>
public class EscalationTests
{
    [Fact]
    public async Task ADraftWithNoAnswer_MovesTheTicketToTheEscalationQueue_AndApprovalKeepsItOpen()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Triage:Routing:EscalationQueue"] = "Specialists" });
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var (ticket, draft) = await Fixtures.TicketWithDraftAsync(host, "Invoice VAT", "Can you add our company VAT number to last year's invoice?");
        await host.Get<TriageService>().TriageTicketAsync(ticket.Id); // a triage exists to be marked

        Assert.Equal(DraftKind.Escalation, draft.Kind);
        Assert.Empty(draft.Citations);
        draft = (await host.Get<DraftingService>().RegenerateAsync(ticket.Id))!; // the escalation is applied when the draft is written
        await using (var db = host.Db())
        {
            var t = await db.Tickets.Include(x => x.Triage).SingleAsync(x => x.Id == ticket.Id);
            Assert.Equal(("Specialists", true), (t.Queue, t.Triage!.NeedsHuman));
        }

        var result = await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, draft.Text, agent);

        Assert.Equal(ApprovalOutcome.Approved, result.Outcome);
        await using (var db = host.Db())
        {
            var t = await db.Tickets.SingleAsync(x => x.Id == ticket.Id);
            Assert.Equal((TicketStatus.Open, "Specialists"), (t.Status, t.Queue)); // the reply promised a specialist: still open for one
            Assert.Equal(draft.Text, (await db.Outbox.SingleAsync()).Body);
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var metrics = await host.Get<DashboardService>().MetricsAsync(new DashboardQuery(today, today, TimeZoneInfo.Utc, new MetricFilter()));
        Assert.Equal(2, metrics.Escalations); // both versions said "could not find"
    }

    [Fact]
    public async Task ADraftThatQuotesTheKnowledgeBase_IsNoEscalation_AndApprovalRepliesAsBefore()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var (ticket, draft) = await Fixtures.TicketWithDraftAsync(host);

        Assert.Equal(DraftKind.Extractive, draft.Kind);
        await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, draft.Text, agent);

        await using var db = host.Db();
        var t = await db.Tickets.SingleAsync(x => x.Id == ticket.Id);
        Assert.Equal(TicketStatus.Replied, t.Status);
        Assert.NotEqual("Escalations", t.Queue);
    }
}
