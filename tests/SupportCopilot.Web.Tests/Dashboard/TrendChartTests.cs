using Bunit;
using SupportCopilot.Core.Dashboard;
using SupportCopilot.Web.Dashboard;

namespace SupportCopilot.Web.Tests.Dashboard;

/// <summary>Issue 20: the trend's axis labels do not overlap, and a line hidden under another is still told.</summary>
public class TrendChartTests : ComponentTest
{
    [Fact]
    public void NinetyDays_ShowAtMostTwelveLabels_EvenlySpaced_StartingAtTheFirstDay()
    {
        var labels = Enumerable.Range(0, 90).Select(i => $"d{i}").ToList();

        var thin = TrendChart.Thin(labels);

        Assert.Equal(90, thin.Length);
        Assert.InRange(thin.Count(l => l.Length > 0), 10, 12);
        Assert.Equal(["d0", "d8", "d16"], thin.Where(l => l.Length > 0).Take(3));
        Assert.Equal(labels.Take(7), TrendChart.Thin(labels.Take(7).ToList())); // a week keeps every day
    }

    [Fact]
    public void TicketsEqualToReplied_AreStillToldInTheTotals()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var days = Enumerable.Range(0, 3).Select(i => new DayPoint(today.AddDays(i), 4, 4, 1, 4, 3, 1)).ToList();

        var cut = Render<TrendChart>(p => p.Add(c => c.Days, days).Add(c => c.Query, ""));

        Assert.Equal("Totals: Replied 12 · Deflected 3 · Drafts approved 9 · Rejected 3 · Tickets 12", cut.Find("[data-testid=trend-totals]").TextContent);
    }
}
