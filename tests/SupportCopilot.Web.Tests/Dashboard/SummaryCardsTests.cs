using Bunit;
using SupportCopilot.Core.Dashboard;
using SupportCopilot.Web.Dashboard;

namespace SupportCopilot.Web.Tests.Dashboard;

public class SummaryCardsTests : ComponentTest
{
    [Fact]
    public void SummaryCards_ShowEveryCount()
    {
        var cards = Render<SummaryCards>(p => p.Add(c => c.Summary, new DashboardSummary(12, 7, 10, 4, 0.4, 2, 1, 1)));

        Assert.Equal("12", cards.Find("[data-testid=metric-tickets]").TextContent);
        Assert.Equal("7", cards.Find("[data-testid=metric-replied]").TextContent);
        Assert.Equal("10", cards.Find("[data-testid=metric-shown]").TextContent);
        Assert.Equal("4", cards.Find("[data-testid=metric-approved]").TextContent);
        Assert.Equal("2 / 1 / 1", cards.Find("[data-testid=metric-edits]").TextContent);
        Assert.Contains("40", cards.Find("[data-testid=metric-acceptance]").TextContent);
    }

    [Fact]
    public void SummaryCards_NoDraftsShown_ShowsDashNotZeroPercent()
    {
        var cards = Render<SummaryCards>(p => p.Add(c => c.Summary, new DashboardSummary(0, 0, 0, 0, null, 0, 0, 0)));
        Assert.Equal("—", cards.Find("[data-testid=metric-acceptance]").TextContent);
    }
}
