using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Events;

namespace SupportCopilot.Core.Dashboard;

/// <summary>The event fields the metrics read; one row per event.</summary>
public sealed record EventRow(int TicketId, TicketEventType Type, DateTime At, string? UserId, string? Model, string? PromptVersion,
    double? EditRatio, string? Reason, double? Confidence, string? Category, string? Queue);

/// <summary>Filters beyond the date range. Category and queue select tickets; agent, model and prompt version select replies and drafts.</summary>
public sealed record MetricFilter(string? Category = null, string? Queue = null, string? AgentId = null, string? Model = null, string? PromptVersion = null);

public sealed record DayPoint(DateOnly Day, int Tickets, int Replied, int Deflected, int DraftsShown, int DraftsApproved, int Rejected);

public sealed record Split(string Key, int Shown, int Approved, int Rejected)
{
    public double? AcceptanceRate => Shown == 0 ? null : Math.Round((double)Approved / Shown, 4);
}

public sealed record MetricsResult
{
    public int Tickets { get; init; }
    public int Replied { get; init; }
    public int DraftsShown { get; init; }
    public int DraftsApproved { get; init; }
    public int ApprovedUnchanged { get; init; }
    public int ApprovedLightEdit { get; init; }
    public int ApprovedHeavyEdit { get; init; }
    public int DraftsRejected { get; init; }
    public double? AcceptanceRate { get; init; }
    public int Deflected { get; init; }
    public double? DeflectionRate { get; init; }
    /// <summary>Replies that would count as deflected but are still inside their 7-day reopen window.</summary>
    public int DeflectionPending { get; init; }
    public double? MedianFirstResponseMinutes { get; init; }
    public double? MedianFirstResponseMinutesAi { get; init; }
    public double? MedianFirstResponseMinutesManual { get; init; }
    public double? MedianHandlingMinutesAi { get; init; }
    public double? MedianHandlingMinutesManual { get; init; }
    /// <summary>The manual handling time the hours-saved figure assumes, and where it came from.</summary>
    public double AssumedManualHandlingMinutes { get; init; }
    public string AssumptionSource { get; init; } = "";
    public double HoursSaved { get; init; }
    public IReadOnlyDictionary<string, int> RejectionReasons { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<DayPoint> Days { get; init; } = [];
    public IReadOnlyList<Split> ByCategory { get; init; } = [];
    public IReadOnlyList<Split> ByModel { get; init; } = [];
    public IReadOnlyList<Split> ByPromptVersion { get; init; } = [];
    public IReadOnlyList<Split> ByAgent { get; init; } = [];
    public int Fallbacks { get; init; }
}

/// <summary>
/// The metric definitions of DESIGN.md, computed from events of the tickets created in the range (the cohort):
/// <list type="bullet">
/// <item>acceptance = AI drafts approved ÷ drafts shown; edit size unchanged (0), light (&lt; 20 %), heavy;</item>
/// <item>deflection = tickets whose first reply was an AI draft approved unchanged or lightly edited and not reopened within
/// 7 days of that reply ÷ tickets replied;</item>
/// <item>first response = first approval − creation; handling = first approval − first time an agent opened it (first draft shown);</item>
/// <item>hours saved = Σ over AI-assisted first replies of (median manual handling − that reply's handling), never below 0 per ticket.</item>
/// </list>
/// </summary>
public static class DeflectionMetrics
{
    public static readonly TimeSpan ReopenWindow = TimeSpan.FromDays(7);

    /// <summary>The reference: straight from events (tests feed hand-built sequences; the facts cache must agree with it).</summary>
    public static MetricsResult Compute(IEnumerable<EventRow> events, TimeZoneInfo zone, MetricFilter filter, double fallbackManualMinutes, DateTime nowUtc) =>
        Aggregate(events.GroupBy(e => e.TicketId).Select(g => TicketFact.Build(g.OrderBy(e => e.At).ToList())).OfType<TicketFact>(),
            zone, filter, fallbackManualMinutes, nowUtc);

    /// <summary>The metrics over per-ticket facts (one ticket's events condensed, <see cref="TicketFact.Build"/>).</summary>
    public static MetricsResult Aggregate(IEnumerable<TicketFact> facts, TimeZoneInfo zone, MetricFilter filter, double fallbackManualMinutes, DateTime nowUtc)
    {
        var cohort = facts.Where(f => (filter.Category is null || f.Category == filter.Category) && (filter.Queue is null || f.Queue == filter.Queue)).ToList();

        bool DraftMatches(in DraftEvent e) => (filter.Model is null || e.Model == filter.Model) && (filter.PromptVersion is null || e.PromptVersion == filter.PromptVersion);
        static bool IsAi(string? model) => model is not null && model != ApprovalService.HumanModel;

        var tickets = new List<TicketOutcome>(cohort.Count);
        var pending = 0;
        foreach (var f in cohort)
        {
            var first = f.FirstReply;
            if (first is { } r && ((filter.AgentId is not null && r.UserId != filter.AgentId) || !DraftMatches(r))) first = null;
            var ai = first is { } fr && IsAi(fr.Model);
            // A reply younger than 7 days may still be reopened: it counts as deflected only once its window has passed.
            var windowOver = first is { } w && w.At + ReopenWindow <= nowUtc;
            var candidate = ai && first!.Value.EditRatio < EditDistance.LightEditBelow && !f.ReopenedInWindow;
            var deflected = candidate && windowOver;
            if (candidate && !windowOver) pending++;
            tickets.Add(new TicketOutcome(f, first, ai, deflected,
                first is not { } a ? null : (a.At - f.CreatedAt).TotalMinutes,
                first is not { } b || f.FirstShownAt is not { } opened || opened > b.At ? null : (b.At - opened).TotalMinutes));
        }

        var shown = new List<(TicketFact Ticket, DraftEvent Event)>();
        var approvedAi = new List<(TicketFact Ticket, DraftEvent Event)>();
        var rejected = new List<(TicketFact Ticket, DraftEvent Event)>();
        foreach (var f in cohort)
            foreach (var e in f.Drafts)
            {
                if (!DraftMatches(e) || (filter.AgentId is not null && e.Type != TicketEventType.DraftShown && e.UserId != filter.AgentId)) continue;
                if (e.Type == TicketEventType.DraftShown) shown.Add((f, e));
                else if (e.Type == TicketEventType.Approved && IsAi(e.Model)) approvedAi.Add((f, e));
                else if (e.Type == TicketEventType.Rejected) rejected.Add((f, e));
            }
        var replied = tickets.Where(t => t.FirstReply is not null).ToList();
        var manualHandling = Median(replied.Where(t => !t.Ai).Select(t => t.HandlingMinutes));
        var assumed = manualHandling ?? fallbackManualMinutes;
        var saved = replied.Where(t => t.Ai && t.HandlingMinutes is not null).Sum(t => Math.Max(0, assumed - t.HandlingMinutes!.Value)) / 60;
        var light = approvedAi.Count(x => x.Event.EditRatio > 0 && x.Event.EditRatio < EditDistance.LightEditBelow);
        var unchanged = approvedAi.Count(x => x.Event.EditRatio == 0);

        // One pass per series: a day per row, counted into buckets (not a scan of every row for every day).
        var day = new LocalDays(zone);
        var buckets = new SortedDictionary<DateOnly, int[]>();
        void Count(DateTime utc, int series)
        {
            var d = day.Of(utc);
            if (!buckets.TryGetValue(d, out var counts)) buckets[d] = counts = new int[6];
            counts[series]++;
        }
        foreach (var t in tickets) Count(t.Fact.CreatedAt, 0);
        foreach (var t in replied) { Count(t.FirstReply!.Value.At, 1); if (t.Deflected) Count(t.FirstReply.Value.At, 2); }
        foreach (var x in shown) Count(x.Event.At, 3);
        foreach (var x in approvedAi) Count(x.Event.At, 4);
        foreach (var x in rejected) Count(x.Event.At, 5);
        var days = buckets.Select(b => new DayPoint(b.Key, b.Value[0], b.Value[1], b.Value[2], b.Value[3], b.Value[4], b.Value[5])).ToList();

        var counted = shown.Concat(approvedAi).Concat(rejected).ToList();
        List<Split> SplitBy(Func<(TicketFact Ticket, DraftEvent Event), string?> key) =>
            counted.GroupBy(x => key(x) ?? "(none)")
                .Select(g => new Split(g.Key, g.Count(x => x.Event.Type == TicketEventType.DraftShown), g.Count(x => x.Event.Type == TicketEventType.Approved), g.Count(x => x.Event.Type == TicketEventType.Rejected)))
                .OrderByDescending(s => s.Shown).ThenBy(s => s.Key).ToList();

        return new MetricsResult
        {
            Tickets = tickets.Count,
            Replied = replied.Count,
            DraftsShown = shown.Count,
            DraftsApproved = approvedAi.Count,
            ApprovedUnchanged = unchanged,
            ApprovedLightEdit = light,
            ApprovedHeavyEdit = approvedAi.Count - unchanged - light,
            DraftsRejected = rejected.Count,
            AcceptanceRate = shown.Count == 0 ? null : Math.Round((double)approvedAi.Count / shown.Count, 4),
            Deflected = replied.Count(t => t.Deflected),
            DeflectionPending = pending,
            DeflectionRate = replied.Count == 0 ? null : Math.Round((double)replied.Count(t => t.Deflected) / replied.Count, 4),
            MedianFirstResponseMinutes = Median(replied.Select(t => t.FirstResponseMinutes)),
            MedianFirstResponseMinutesAi = Median(replied.Where(t => t.Ai).Select(t => t.FirstResponseMinutes)),
            MedianFirstResponseMinutesManual = Median(replied.Where(t => !t.Ai).Select(t => t.FirstResponseMinutes)),
            MedianHandlingMinutesAi = Median(replied.Where(t => t.Ai).Select(t => t.HandlingMinutes)),
            MedianHandlingMinutesManual = manualHandling,
            AssumedManualHandlingMinutes = Math.Round(assumed, 2),
            AssumptionSource = manualHandling is null
                ? $"no manual replies in the range: the configured Dashboard:ManualHandlingMinutes ({fallbackManualMinutes} min)"
                : "median handling time of replies written without an AI draft in the range",
            HoursSaved = Math.Round(saved, 2),
            RejectionReasons = rejected.GroupBy(x => x.Event.Reason ?? "unknown").OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            Days = days,
            ByCategory = SplitBy(x => x.Ticket.Category),
            ByModel = SplitBy(x => x.Event.Model),
            ByPromptVersion = SplitBy(x => x.Event.PromptVersion),
            ByAgent = SplitBy(x => x.Event.Type == TicketEventType.DraftShown ? null : x.Event.UserId).Where(s => s.Key != "(none)").ToList(),
            Fallbacks = cohort.Sum(f => f.FallbackDrafts),
        };
    }

    internal static double? Median(IEnumerable<double?> values)
    {
        var v = values.Where(x => x is not null).Select(x => x!.Value).Order().ToList();
        if (v.Count == 0) return null;
        var mid = v.Count / 2;
        return Math.Round(v.Count % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2, 2);
    }

    private sealed record TicketOutcome(TicketFact Fact, DraftEvent? FirstReply, bool Ai, bool Deflected, double? FirstResponseMinutes, double? HandlingMinutes);

    /// <summary>UTC instant → local day, remembered per quarter hour (every zone's offset is a multiple of 15 minutes):
    /// converting each of a million timestamps through TimeZoneInfo would dominate a long range.</summary>
    private sealed class LocalDays(TimeZoneInfo zone)
    {
        private readonly Dictionary<long, DateOnly> _seen = [];
        public DateOnly Of(DateTime utc)
        {
            var quarter = utc.Ticks / (TimeSpan.TicksPerMinute * 15);
            if (!_seen.TryGetValue(quarter, out var d)) _seen[quarter] = d = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(new DateTime(quarter * TimeSpan.TicksPerMinute * 15, DateTimeKind.Utc), zone));
            return d;
        }
    }
}
