using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Dashboard;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Events;
using SupportCopilot.Core.Samples;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Core.Tests.Dashboard;

/// <summary>The in-memory facts the dashboard reads must give exactly the numbers the events table gives, and stay current.</summary>
public class TicketFactsCacheTests
{
    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static async Task SeedHistoryAsync(TestHost host, DateTime now)
    {
        var samples = new List<SampleTicket>
        {
            new("s1", "Filter light", "How do I reset the filter light?", "a@example.com", null, new("Filters", "low", "question", "en"), null),
            new("s2", "Refund", "I want my money back", "b@example.com", null, new("Billing", "high", "complaint", "en"), null),
            new("s3", "Lieferung", "Wo ist mein Paket?", "c@example.com", null, new("Shipping", "medium", "question", "de"), null),
            new("s4", "Noise", "The fan rattles at night", "d@example.com", null, new("Technical", "medium", "problem", "en"), null),
        };
        await using var db = host.Db();
        foreach (var (ticket, events) in DashboardHistory.Generate(samples, now))
        {
            db.Tickets.Add(ticket);
            db.TicketEvents.AddRange(events);
        }
        await db.SaveChangesAsync();
    }

    public static TheoryData<string, int, string?, string?> Queries => new()
    {
        { "UTC", 7, null, null },
        { "UTC", 60, null, null },
        { "Europe/Berlin", 30, "Billing", null },
        { "Asia/Kolkata", 60, null, null },            // +05:30: days start at hh:30 UTC
        { "America/New_York", 60, null, "extractive" },
        { "UTC", 60, "Shipping", "human" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task SeededHistory_CacheGivesTheSameNumbersAsTheEvents(string zone, int days, string? category, string? model)
    {
        await using var host = await TestHost.StartAsync();
        var now = DateTime.UtcNow;
        await SeedHistoryAsync(host, now);
        var dashboard = host.Get<DashboardService>();
        var today = DateOnly.FromDateTime(now);
        var q = new DashboardQuery(today.AddDays(1 - days), today, TimeZoneInfo.FindSystemTimeZoneById(zone), new MetricFilter(category, Model: model));

        var fromCache = await dashboard.MetricsAsync(q);
        var fromEvents = await dashboard.MetricsFromEventsAsync(q);

        Assert.True(fromEvents.Tickets > 0);
        Assert.Equal(Json(fromEvents), Json(fromCache));
    }

    [Fact]
    public async Task SplittingTheCohortAcrossCores_ChangesNoFigure()
    {
        await using var host = await TestHost.StartAsync();
        var now = DateTime.UtcNow;
        await SeedHistoryAsync(host, now);
        var facts = await host.Get<TicketFactsCache>().ReadAsync(DateTime.MinValue, DateTime.MaxValue, f => f.ToList());
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var whole = DeflectionMetrics.Aggregate(facts, berlin, new MetricFilter(), 8, now, parts: 1);
        var split = DeflectionMetrics.Aggregate(facts, berlin, new MetricFilter(), 8, now, parts: 7);

        Assert.True(whole.Replied > 100);
        Assert.Equal(Json(whole), Json(split));
    }

    [Fact]
    public async Task EventsWrittenAfterAQuery_AreInTheNextOne_AlsoWhenAnotherProcessWroteThem()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var dashboard = host.Get<DashboardService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var q = new DashboardQuery(today, today, TimeZoneInfo.Utc, new MetricFilter());
        var (ticket, draft) = await Fixtures.TicketWithDraftAsync(host);
        await host.Get<DraftingService>().MarkShownAsync(draft.Id);
        var before = await dashboard.MetricsAsync(q);

        await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, draft.Text, agent);
        await Fixtures.TicketWithDraftAsync(host, "Night mode", "How do I dim the lights at night?");
        var after = await dashboard.MetricsAsync(q);
        await using (var other = host.Db()) // as another process would: straight into the table, no notification
        {
            other.TicketEvents.Add(new TicketEvent { TicketId = ticket.Id, Type = TicketEventType.Reopened, At = DateTime.UtcNow });
            await other.SaveChangesAsync();
        }
        var reopened = await dashboard.MetricsAsync(q);

        Assert.Equal((1, 0, 1, 0), (before.Tickets, before.Replied, before.DraftsShown, before.DraftsApproved));
        Assert.Equal((2, 1, 1, 1), (after.Tickets, after.Replied, after.DraftsShown, after.DraftsApproved));
        Assert.Equal(1, after.DeflectionPending);
        Assert.Equal(0, reopened.DeflectionPending); // the reopen undid the candidate deflection
        Assert.Equal(Json(await dashboard.MetricsFromEventsAsync(q)), Json(reopened));
    }

    [Fact]
    public async Task DocumentUse_FromTheCache_EqualsTheCitationsTable_AndFollowsNewDrafts()
    {
        await using var host = await TestHost.StartAsync();
        var dashboard = host.Get<DashboardService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var q = new DashboardQuery(today, today, TimeZoneInfo.Utc, new MetricFilter());
        await Fixtures.TicketWithDraftAsync(host); // ingests guide.md
        await host.IngestAsync("never.md", System.Text.Encoding.UTF8.GetBytes("# Unrelated\n\nOur office plants are watered on Fridays."));
        var first = await dashboard.DocumentUseAsync(q); // loads the cache

        var (_, second) = await Fixtures.TicketWithDraftAsync(host, "Night mode", "How do I dim the lights at night?");
        await host.Get<DraftingService>().RegenerateAsync(second.TicketId);
        var after = await dashboard.DocumentUseAsync(q);

        var guide = Assert.Single(after, d => d.FileName == "guide.md");
        await using var db = host.Db();
        Assert.Equal(await db.DraftCitations.CountAsync(c => c.DocumentId == guide.DocumentId), guide.Citations);
        Assert.True(guide.Citations > first.Single(d => d.FileName == "guide.md").Citations);
        Assert.Equal(0, after.Single(d => d.FileName == "never.md").Citations);
        Assert.Equal(Json(await dashboard.DocumentUseFromDatabaseAsync(q)), Json(after));
        Assert.All(await dashboard.DocumentUseAsync(q with { Filter = new MetricFilter(Category: "no such category") }), d => Assert.Equal(0, d.Citations));
    }
}

public class MedianTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(1001)]
    public void MedianBySelection_EqualsTheSortedMiddle_WithDuplicates(int count)
    {
        var rng = new Random(count);
        var ticks = Enumerable.Range(0, count).Select(_ => rng.Next(0, 50) * TimeSpan.TicksPerMinute / 4).ToList();
        var sorted = ticks.Order().ToList();
        var expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + (double)sorted[count / 2]) / 2;

        Assert.Equal(Math.Round(expected / TimeSpan.TicksPerMinute, 2), DeflectionMetrics.MedianMinutes(ticks.ToArray()));
    }

    [Fact]
    public void MedianOfNothing_IsNull() => Assert.Null(DeflectionMetrics.MedianMinutes([]));
}
