using Bunit;
using SupportCopilot.Core.Dashboard;
using SupportCopilot.Web.Dashboard;

namespace SupportCopilot.Web.Tests.Dashboard;

public class SummaryCardsTests : ComponentTest
{
    [Fact]
    public void SummaryCards_ShowEveryMetric_WithTheHoursSavedAssumption()
    {
        var m = new MetricsResult
        {
            Tickets = 12, Replied = 7, DraftsShown = 10, DraftsApproved = 4, AcceptanceRate = 0.4, ApprovedUnchanged = 2, ApprovedLightEdit = 1, ApprovedHeavyEdit = 1,
            Deflected = 3, DeflectionRate = 0.4286, DeflectionPending = 1, HoursSaved = 1.5, AssumedManualHandlingMinutes = 9, AssumptionSource = "median of manual replies",
            MedianFirstResponseMinutesAi = 14, MedianFirstResponseMinutesManual = 150,
        };

        var cards = Render<SummaryCards>(p => p.Add(c => c.M, m));

        Assert.Equal("12", cards.Find("[data-testid=metric-tickets]").TextContent);
        Assert.Equal("7", cards.Find("[data-testid=metric-replied]").TextContent);
        Assert.Equal("2 / 1 / 1", cards.Find("[data-testid=metric-edits]").TextContent);
        Assert.Contains("40", cards.Find("[data-testid=metric-acceptance]").TextContent);
        Assert.Contains("43", cards.Find("[data-testid=metric-deflection]").TextContent);
        Assert.Equal("14 min / 2.5 h", cards.Find("[data-testid=metric-first-response]").TextContent);
        Assert.Contains("assumes 9 min manual handling: median of manual replies", cards.Markup);
        Assert.Contains("1 more still inside their 7-day window", cards.Markup);
    }

    [Fact]
    public void SummaryCards_NoDraftsShown_ShowsDashNotZeroPercent()
    {
        var cards = Render<SummaryCards>(p => p.Add(c => c.M, new MetricsResult()));
        Assert.Equal("—", cards.Find("[data-testid=metric-acceptance]").TextContent);
        Assert.Equal("—", cards.Find("[data-testid=metric-deflection]").TextContent);
    }

    [Fact]
    public void SplitTable_ListsRows_AndLinksItsCsv()
    {
        var table = Render<SplitTable>(p => p.Add(c => c.Title, "By model").Add(c => c.KeyLabel, "Model").Add(c => c.Table, "models")
            .Add(c => c.Query, "from=2026-01-01&to=2026-01-31").Add(c => c.Rows, [new Split("qwen", 4, 3, 1), new Split("extractive", 2, 0, 2)]));

        Assert.Equal(2, table.FindAll("[data-testid=table-models] tbody tr").Count);
        Assert.Contains("75", table.Find("[data-testid=table-models] tbody tr").TextContent);
        Assert.Equal("/dashboard/export/models.csv?from=2026-01-01&to=2026-01-31", table.Find("a[data-testid=csv-models]").GetAttribute("href"));
    }

    private static readonly KnowledgeGap[] Gap = [new KnowledgeGap("Billing", 2, ["instalments", "invoice"], [new GapTicket(41, "Pay in instalments?", 0.12, null)])];

    [Fact]
    public void KnowledgeGaps_ShowAnAdminExamplesLinkedToTheirTickets_AndTheKnowledgePage()
    {
        AddAuthorization().SetAuthorized("admin@demo.local").SetRoles(SupportCopilot.Core.Security.Roles.Admin);
        var gaps = Render<KnowledgeGaps>(p => p.Add(c => c.Query, "").Add(c => c.Gaps, Gap));

        Assert.Contains("instalments, invoice", gaps.Markup);
        Assert.Equal("/tickets/41", gaps.Find("[data-testid=knowledge-gaps] li a").GetAttribute("href"));
        Assert.Single(gaps.FindAll("[data-testid=knowledge-admin-link]"));
    }

    [Fact]
    public void KnowledgeGaps_ForAManager_NameTheTickets_WithoutLinksTheyCannotOpen()
    {
        AddAuthorization().SetAuthorized("manager@demo.local").SetRoles(SupportCopilot.Core.Security.Roles.Manager);
        var gaps = Render<KnowledgeGaps>(p => p.Add(c => c.Query, "").Add(c => c.Gaps, Gap));

        Assert.Equal("#41 Pay in instalments?", gaps.Find("[data-testid=gap-ticket]").TextContent);
        Assert.Empty(gaps.FindAll("[data-testid=knowledge-gaps] li a"));
        Assert.Empty(gaps.FindAll("[data-testid=knowledge-admin-link]"));
    }
}
