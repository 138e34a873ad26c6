using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Dashboard;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Core.Tests.Dashboard;

/// <summary>The service end to end: real actions write events, the metrics read them back from SQLite.</summary>
public class DashboardServiceTests
{
    [Fact]
    public async Task Metrics_CountWhatAgentsDid_FromTheEventsTheServicesWrote()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var approvals = host.Get<ApprovalService>();
        var drafting = host.Get<DraftingService>();
        var (_, d1) = await Fixtures.TicketWithDraftAsync(host);
        var (_, d2) = await Fixtures.TicketWithDraftAsync(host, "Night mode", "How do I dim the lights at night?");
        var (_, d3) = await Fixtures.TicketWithDraftAsync(host, "Noise", "The filter rattles");
        foreach (var d in new[] { d1, d2, d3 }) await drafting.MarkShownAsync(d.Id);
        await drafting.MarkShownAsync(d1.Id); // shown twice counts once
        await approvals.ApproveAsync(d1.Id, d1.ConcurrencyStamp, d1.Text, agent);                            // unchanged
        await approvals.ApproveAsync(d2.Id, d2.ConcurrencyStamp, "Completely different words here.", agent); // heavy
        await approvals.RejectAsync(d3.Id, d3.ConcurrencyStamp, RejectReason.Tone, null, agent);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var m = await host.Get<DashboardService>().MetricsAsync(new DashboardQuery(today, today, TimeZoneInfo.Utc, new MetricFilter()));

        Assert.Equal((3, 2, 3, 2, 0.6667), (m.Tickets, m.Replied, m.DraftsShown, m.DraftsApproved, m.AcceptanceRate!.Value));
        Assert.Equal((1, 0, 1), (m.ApprovedUnchanged, m.ApprovedLightEdit, m.ApprovedHeavyEdit));
        Assert.Equal(1, m.RejectionReasons["Tone"]);
        Assert.Equal((0, 1), (m.Deflected, m.DeflectionPending)); // the unchanged approval is inside its 7-day window
        // By agent: the drafts they decided, not the drafts shown (showing is nobody's act: it read 0 next to 2 approved)
        var byAgent = Assert.Single(m.ByAgent);
        Assert.Equal((agent, 3, 2, 1, 0.6667), (byAgent.Key, byAgent.Shown, byAgent.Approved, byAgent.Rejected, byAgent.AcceptanceRate!.Value));
    }

    [Fact]
    public async Task Facets_ListWhatTheEventsHold_AndTheAgentsWhoApproved()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        await host.CreateUserAsync("idle@x.test", Roles.Agent);
        var drafting = host.Get<DraftingService>();
        var (t1, d1) = await Fixtures.TicketWithDraftAsync(host);
        var (_, d2) = await Fixtures.TicketWithDraftAsync(host, "Night mode", "How do I dim the lights at night?");
        await drafting.MarkShownAsync(d1.Id);
        await drafting.MarkShownAsync(d2.Id);
        Assert.Null(await host.Get<SupportCopilot.Core.Triage.TriageCorrections>().CorrectAsync(t1.Id, "category", "Filters", agent)); // later events carry it
        await host.Get<ApprovalService>().ApproveAsync(d1.Id, d1.ConcurrencyStamp, d1.Text, agent);

        var f = await host.Get<DashboardService>().FacetsAsync();

        Assert.Equal(["extractive"], f.Models);
        Assert.Equal([d1.PromptVersion], f.Prompts);
        Assert.Contains("Filters", f.Categories);
        Assert.Equal(["agent@x.test"], f.Agents.Select(a => a.Name)); // the idle agent approved nothing
    }

    [Fact]
    public async Task Metrics_RangeWithoutTickets_IsEmpty()
    {
        await using var host = await TestHost.StartAsync();
        await Fixtures.TicketWithDraftAsync(host);

        var day = new DateOnly(2020, 1, 1);
        var m = await host.Get<DashboardService>().MetricsAsync(new DashboardQuery(day, day, TimeZoneInfo.Utc, new MetricFilter()));

        Assert.Equal((0, 0, 0), (m.Tickets, m.Replied, m.DraftsShown));
        Assert.Null(m.AcceptanceRate);
    }

    [Fact]
    public async Task Gaps_ListLowConfidenceAndMissingKnowledgeTickets()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var (weak, _) = await Fixtures.TicketWithDraftAsync(host, "Xylophone tournament", "Quarterly xylophone tournament sponsorship");
        var (wrong, d) = await Fixtures.TicketWithDraftAsync(host);
        await host.Get<ApprovalService>().RejectAsync(d.Id, d.ConcurrencyStamp, RejectReason.MissingKnowledge, null, agent);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var gaps = await host.Get<DashboardService>().GapsAsync(new DashboardQuery(today, today, TimeZoneInfo.Utc, new MetricFilter()));

        var ids = gaps.SelectMany(g => g.Examples).Select(e => e.Id).ToList();
        Assert.Contains(weak.Id, ids);
        Assert.Contains(wrong.Id, ids);
        Assert.Equal("MissingKnowledge", gaps.SelectMany(g => g.Examples).Single(e => e.Id == wrong.Id).RejectReason);
    }
}
