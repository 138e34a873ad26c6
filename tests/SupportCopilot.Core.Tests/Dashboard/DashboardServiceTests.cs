using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Dashboard;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Core.Tests.Dashboard;

public class DashboardServiceTests
{
    [Fact]
    public async Task Summary_CountsTicketsShownAndApprovedDraftsByEditSize()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var approvals = host.Get<ApprovalService>();
        var drafting = host.Get<DraftingService>();
        var (_, d1) = await Fixtures.TicketWithDraftAsync(host);
        var (_, d2) = await Fixtures.TicketWithDraftAsync(host, "Night mode", "How do I dim the lights at night?");
        var (_, d3) = await Fixtures.TicketWithDraftAsync(host, "Noise", "The filter rattles");
        foreach (var d in new[] { d1, d2, d3 }) await drafting.MarkShownAsync(d.Id);
        await approvals.ApproveAsync(d1.Id, d1.ConcurrencyStamp, d1.Text, agent);                     // unchanged
        await approvals.ApproveAsync(d2.Id, d2.ConcurrencyStamp, "Completely different words here.", agent); // heavy

        var today = DateTime.UtcNow.Date;
        var summary = await host.Get<DashboardService>().SummaryAsync(today, today.AddDays(1));

        Assert.Equal(new DashboardSummary(Tickets: 3, Replied: 2, DraftsShown: 3, DraftsApproved: 2, AcceptanceRate: 0.6667,
            ApprovedUnchanged: 1, ApprovedLightEdit: 0, ApprovedHeavyEdit: 1), summary);
    }

    [Fact]
    public async Task Summary_EmptyRange_HasNoAcceptanceRate()
    {
        await using var host = await TestHost.StartAsync();
        await Fixtures.TicketWithDraftAsync(host);

        var summary = await host.Get<DashboardService>().SummaryAsync(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(new DashboardSummary(0, 0, 0, 0, null, 0, 0, 0), summary);
    }
}
