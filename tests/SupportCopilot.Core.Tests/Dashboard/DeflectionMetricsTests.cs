using SupportCopilot.Core.Dashboard;
using SupportCopilot.Core.Events;

namespace SupportCopilot.Core.Tests.Dashboard;

/// <summary>Hand-built event sequences with hand-computed expected values.</summary>
public class DeflectionMetricsTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc); // a Monday
    private static readonly DateTime Now = T0.AddDays(30);

    private static EventRow E(int ticket, TicketEventType type, double minutes, string? model = null, double? edit = null, string? reason = null,
        string? user = "ana", string? category = "Billing") =>
        new(ticket, type, T0.AddMinutes(minutes), user, model, model is null ? null : "v1", edit, reason, null, category, "general");

    /// <summary>Created at 0, opened at 10, approved at 14 with the given edit ratio (model "qwen" = AI, "human" = own reply).</summary>
    private static IEnumerable<EventRow> Replied(int ticket, string model, double edit, double offset = 0, string category = "Billing") =>
    [
        E(ticket, TicketEventType.Created, offset, category: category),
        E(ticket, TicketEventType.DraftShown, offset + 10, "qwen", category: category),
        E(ticket, TicketEventType.Approved, offset + 14, model, edit, category: category),
    ];

    private static MetricsResult Compute(IEnumerable<EventRow> events, MetricFilter? filter = null, DateTime? now = null, TimeZoneInfo? zone = null) =>
        DeflectionMetrics.Compute(events, zone ?? TimeZoneInfo.Utc, filter ?? new MetricFilter(), 20, now ?? Now);

    [Fact]
    public void UnchangedAndLightEdits_Deflect_HeavyEditAndOwnReplyDoNot()
    {
        var m = Compute(Replied(1, "qwen", 0).Concat(Replied(2, "qwen", 0.1)).Concat(Replied(3, "qwen", 0.2)).Concat(Replied(4, "human", 0)));

        Assert.Equal((4, 4, 2, 0.5), (m.Tickets, m.Replied, m.Deflected, m.DeflectionRate!.Value));
        // 4 drafts shown, 3 AI drafts approved (the own reply is not an AI draft): 3/4.
        Assert.Equal((4, 3, 0.75), (m.DraftsShown, m.DraftsApproved, m.AcceptanceRate!.Value));
        Assert.Equal((1, 1, 1), (m.ApprovedUnchanged, m.ApprovedLightEdit, m.ApprovedHeavyEdit));
    }

    [Fact]
    public void ReopenWithinSevenDays_UndoesTheDeflection_ReopenAfterDoesNot()
    {
        var events = Replied(1, "qwen", 0).Append(E(1, TicketEventType.Reopened, 14 + 6 * 24 * 60))
            .Concat(Replied(2, "qwen", 0)).Append(E(2, TicketEventType.Reopened, 14 + 8 * 24 * 60));

        var m = Compute(events);

        Assert.Equal((2, 1, 0.5), (m.Replied, m.Deflected, m.DeflectionRate!.Value));
    }

    [Fact]
    public void ReplyInsideItsSevenDayWindow_IsPending_NotYetDeflected()
    {
        var m = Compute(Replied(1, "qwen", 0), now: T0.AddDays(3));

        Assert.Equal((0, 1, 0.0), (m.Deflected, m.DeflectionPending, m.DeflectionRate!.Value));
    }

    [Fact]
    public void FirstResponse_Handling_AndHoursSaved_UseTheMedianManualTime()
    {
        // Manual replies: opened at 10, replied at 14 (4 min) and at 10 + 16 = 26 (16 min) → median manual handling 10 min.
        var events = Replied(1, "human", 0).Concat([
            E(2, TicketEventType.Created, 0), E(2, TicketEventType.DraftShown, 10, "qwen"), E(2, TicketEventType.Approved, 26, "human", 0),
        ]).Concat(Replied(3, "qwen", 0)); // AI: handling 4 min → saves 10 − 4 = 6 min

        var m = Compute(events);

        Assert.Equal(10, m.MedianHandlingMinutesManual);
        Assert.Equal(4, m.MedianHandlingMinutesAi);
        Assert.Equal(10, m.AssumedManualHandlingMinutes);
        Assert.Equal(Math.Round(6.0 / 60, 2), m.HoursSaved);
        Assert.Equal(14, m.MedianFirstResponseMinutesAi);
        Assert.Equal(20, m.MedianFirstResponseMinutesManual); // 14 and 26
    }

    [Fact]
    public void NoManualReplies_HoursSavedUsesTheConfiguredAssumption_AndSaysSo()
    {
        var m = Compute(Replied(1, "qwen", 0)); // handling 4 min, configured manual 20 → 16 min saved

        Assert.Equal(20, m.AssumedManualHandlingMinutes);
        Assert.Contains("Dashboard:ManualHandlingMinutes", m.AssumptionSource);
        Assert.Equal(Math.Round(16.0 / 60, 2), m.HoursSaved);
    }

    [Fact]
    public void EmptyRange_GivesZerosAndNoRates()
    {
        var m = Compute([]);

        Assert.Equal((0, 0, 0), (m.Tickets, m.Replied, m.DraftsShown));
        Assert.Null(m.AcceptanceRate);
        Assert.Null(m.DeflectionRate);
        Assert.Null(m.MedianFirstResponseMinutes);
        Assert.Empty(m.Days);
    }

    [Fact]
    public void Days_AreBucketedInTheChosenTimeZone()
    {
        // Created 23:30 UTC on Monday: Tuesday in Berlin (UTC+1 in March before DST).
        var late = new[] { new EventRow(1, TicketEventType.Created, T0.Date.AddHours(23.5), null, null, null, null, null, null, "Billing", "general") };

        Assert.Equal(new DateOnly(2026, 3, 2), Assert.Single(Compute(late).Days).Day);
        Assert.Equal(new DateOnly(2026, 3, 3), Assert.Single(Compute(late, zone: TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).Days).Day);
    }

    [Theory]
    [InlineData(18.4, 2)] // 23:54 in Kolkata (UTC+05:30, no daylight saving): still the 2nd
    [InlineData(18.5, 3)] // 00:00 there: the 3rd
    [InlineData(-1, 2)]   // 23:00 UTC on the 1st: 04:30 on the 2nd there
    public void Days_InAHalfHourZoneWithoutDaylightSaving_TurnAtLocalMidnight(double utcHour, int expectedDay)
    {
        var at = new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc).AddHours(utcHour);
        var row = new[] { new EventRow(1, TicketEventType.Created, at, null, null, null, null, null, null, "Billing", "general") };

        var day = Assert.Single(Compute(row, zone: TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).Days).Day;

        Assert.Equal(new DateOnly(2026, 3, expectedDay), day);
    }

    [Fact]
    public void Rejections_CountByReason_AndFiltersSelectTheirSlice()
    {
        var events = Replied(1, "qwen", 0, category: "Billing")
            .Concat([E(2, TicketEventType.Created, 0, category: "Shipping"), E(2, TicketEventType.DraftShown, 5, "qwen", category: "Shipping"),
                     E(2, TicketEventType.Rejected, 6, "qwen", reason: "MissingKnowledge", category: "Shipping"),
                     E(2, TicketEventType.Approved, 20, "human", 0, category: "Shipping")]);

        var all = Compute(events);
        var shipping = Compute(events, new MetricFilter(Category: "Shipping"));

        Assert.Equal(1, all.RejectionReasons["MissingKnowledge"]);
        Assert.Equal((2, 1, 0.5), (all.Replied, all.Deflected, all.DeflectionRate!.Value));
        Assert.Equal((1, 0, 0.0), (shipping.Replied, shipping.Deflected, shipping.DeflectionRate!.Value));
        Assert.Equal(["Billing", "Shipping"], all.ByCategory.Select(c => c.Key).Order());
    }

    [Fact]
    public void EqualNamesThatAreDifferentStrings_CountAsOneSplit()
    {
        // Splits are counted by reference (the cache interns names); a name built twice must still be one row.
        var events = Replied(1, "qwen", 0, category: new string("Billing".AsSpan()))
            .Concat(Replied(2, new string("qwen".AsSpan()), 0, category: new string("Billing".AsSpan())))
            .Append(E(2, TicketEventType.Rejected, 15, "qwen", reason: new string("Tone".AsSpan())))
            .Append(E(1, TicketEventType.Rejected, 15, "qwen", reason: "Tone"));

        var m = Compute(events);

        Assert.Equal(("Billing", 2, 2, 2), Assert.Single(m.ByCategory) is var c ? (c.Key, c.Shown, c.Approved, c.Rejected) : default);
        Assert.Equal(("qwen", 2), Assert.Single(m.ByModel) is var x ? (x.Key, x.Approved) : default);
        Assert.Equal(2, Assert.Single(m.RejectionReasons).Value);
    }

    [Fact]
    public void Days_SpreadOverMonthsInAnyOrder_AreEachCountedOnce()
    {
        // Facts arrive newest first, with a gap of months and a reply 40 days after creation: the day table grows both ways.
        var events = Replied(1, "qwen", 0, offset: 120 * 24 * 60).Concat(Replied(2, "qwen", 0))
            .Concat([E(3, TicketEventType.Created, 60 * 24 * 60), E(3, TicketEventType.Approved, 100 * 24 * 60, "human", 0)]);

        var days = Compute(events.Reverse(), now: T0.AddDays(400)).Days;

        Assert.Equal([0, 60, 100, 120], days.Select(d => d.Day.DayNumber - DateOnly.FromDateTime(T0).DayNumber));
        Assert.Equal([(1, 1, 1), (1, 0, 0), (0, 1, 0), (1, 1, 1)], days.Select(d => (d.Tickets, d.Replied, d.Deflected)));
    }
}

public class DashboardHistoryTests
{
    [Fact]
    public void SeededHistory_IsDeterministic_AndEveryTicketHasACreatedEventAndAReply()
    {
        var samples = new List<SupportCopilot.Core.Samples.SampleTicket>
        {
            new("s1", "Filter", "How do I change the filter?", "a@example.com", null, new("Filters", "low", "question", "en"), null),
        };
        var now = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
        var first = SupportCopilot.Core.Samples.DashboardHistory.Generate(samples, now).ToList();
        var second = SupportCopilot.Core.Samples.DashboardHistory.Generate(samples, now).ToList();

        Assert.Equal(first.Count, second.Count);
        Assert.True(first.Count > 200);
        Assert.All(first, t => Assert.Single(t.Events, e => e.Type == TicketEventType.Created));
        Assert.All(first, t => Assert.Contains(t.Events, e => e.Type == TicketEventType.Approved));
        Assert.All(first.SelectMany(t => t.Events), e => Assert.True(e.At < now.AddDays(10)));
        // With the demo agents given, every reply and rejection is one of theirs (the dashboard's per-agent split), and nothing else moves.
        var withAgents = SupportCopilot.Core.Samples.DashboardHistory.Generate(samples, now, agentIds: ["a1", "a2"]).ToList();
        Assert.All(withAgents.SelectMany(t => t.Events).Where(e => e.Type is TicketEventType.Approved or TicketEventType.Rejected), e => Assert.Contains(e.UserId, new[] { "a1", "a2" }));
        Assert.Equal(first.SelectMany(t => t.Events).Select(e => (e.Type, e.At)), withAgents.SelectMany(t => t.Events).Select(e => (e.Type, e.At)));
    }
}
