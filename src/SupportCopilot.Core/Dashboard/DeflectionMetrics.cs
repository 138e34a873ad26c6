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

    public static MetricsResult Compute(IEnumerable<EventRow> events, TimeZoneInfo zone, MetricFilter filter, double fallbackManualMinutes, DateTime nowUtc)
    {
        var byTicket = events.GroupBy(e => e.TicketId).Select(g => g.OrderBy(e => e.At).ToList())
            .Where(evs => evs.Any(e => e.Type == TicketEventType.Created)).ToList();
        // Category and queue as the ticket has them last (a correction counts), for cohort filters and splits.
        string? Last(List<EventRow> evs, Func<EventRow, string?> f) => evs.Select(f).LastOrDefault(v => v is not null);
        byTicket = byTicket.Where(evs => (filter.Category is null || Last(evs, e => e.Category) == filter.Category)
                                         && (filter.Queue is null || Last(evs, e => e.Queue) == filter.Queue)).ToList();

        bool DraftMatches(EventRow e) => (filter.Model is null || e.Model == filter.Model) && (filter.PromptVersion is null || e.PromptVersion == filter.PromptVersion);
        bool IsAi(EventRow e) => e.Model is not null && e.Model != ApprovalService.HumanModel;

        var tickets = new List<TicketFacts>();
        var pending = 0;
        foreach (var evs in byTicket)
        {
            var created = evs.First(e => e.Type == TicketEventType.Created);
            var first = evs.FirstOrDefault(e => e.Type == TicketEventType.Approved);
            if (first is not null && ((filter.AgentId is not null && first.UserId != filter.AgentId) || !DraftMatches(first))) first = null;
            var opened = evs.FirstOrDefault(e => e.Type == TicketEventType.DraftShown);
            var ai = first is not null && IsAi(first);
            var reopened = first is not null && evs.Any(e => e.Type == TicketEventType.Reopened && e.At > first.At && e.At <= first.At + ReopenWindow);
            // A reply younger than 7 days may still be reopened: it counts as deflected only once its window has passed.
            var windowOver = first is not null && first.At + ReopenWindow <= nowUtc;
            var candidate = ai && first!.EditRatio < EditDistance.LightEditBelow && !reopened;
            var deflected = candidate && windowOver;
            if (candidate && !windowOver) pending++;
            tickets.Add(new TicketFacts(created, first, ai, deflected,
                first is null ? null : (first.At - created.At).TotalMinutes,
                first is null || opened is null || opened.At > first.At ? null : (first.At - opened.At).TotalMinutes,
                Last(evs, e => e.Category) ?? "(none)"));
        }

        var drafts = byTicket.SelectMany(x => x).Where(e => DraftMatches(e) && (filter.AgentId is null || e.Type == TicketEventType.DraftShown || e.UserId == filter.AgentId)).ToList();
        var shown = drafts.Where(e => e.Type == TicketEventType.DraftShown).ToList();
        var approvedAi = drafts.Where(e => e.Type == TicketEventType.Approved && IsAi(e)).ToList();
        var rejected = drafts.Where(e => e.Type == TicketEventType.Rejected).ToList();
        var replied = tickets.Where(t => t.FirstReply is not null).ToList();
        var manualHandling = Median(replied.Where(t => !t.Ai).Select(t => t.HandlingMinutes));
        var assumed = manualHandling ?? fallbackManualMinutes;
        var saved = replied.Where(t => t.Ai && t.HandlingMinutes is not null).Sum(t => Math.Max(0, assumed - t.HandlingMinutes!.Value)) / 60;
        var light = approvedAi.Count(e => e.EditRatio > 0 && e.EditRatio < EditDistance.LightEditBelow);
        var unchanged = approvedAi.Count(e => e.EditRatio == 0);

        // One pass per series: a day per row, counted into buckets (not a scan of every row for every day).
        DateOnly Day(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));
        var buckets = new SortedDictionary<DateOnly, int[]>();
        void Count(DateTime utc, int series)
        {
            var d = Day(utc);
            if (!buckets.TryGetValue(d, out var counts)) buckets[d] = counts = new int[6];
            counts[series]++;
        }
        foreach (var t in tickets) Count(t.Created.At, 0);
        foreach (var t in replied) { Count(t.FirstReply!.At, 1); if (t.Deflected) Count(t.FirstReply.At, 2); }
        foreach (var e in shown) Count(e.At, 3);
        foreach (var e in approvedAi) Count(e.At, 4);
        foreach (var e in rejected) Count(e.At, 5);
        var days = buckets.Select(b => new DayPoint(b.Key, b.Value[0], b.Value[1], b.Value[2], b.Value[3], b.Value[4], b.Value[5])).ToList();

        var categoryOf = tickets.ToDictionary(t => t.Created.TicketId, t => t.Category);
        List<Split> SplitBy(Func<EventRow, string?> key) =>
            shown.Concat(approvedAi).Concat(rejected).GroupBy(e => key(e) ?? "(none)")
                .Select(g => new Split(g.Key, g.Count(e => e.Type == TicketEventType.DraftShown), g.Count(e => e.Type == TicketEventType.Approved), g.Count(e => e.Type == TicketEventType.Rejected)))
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
            RejectionReasons = rejected.GroupBy(e => e.Reason ?? "unknown").OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            Days = days,
            ByCategory = SplitBy(e => categoryOf.GetValueOrDefault(e.TicketId)),
            ByModel = SplitBy(e => e.Model),
            ByPromptVersion = SplitBy(e => e.PromptVersion),
            ByAgent = SplitBy(e => e.Type == TicketEventType.DraftShown ? null : e.UserId).Where(s => s.Key != "(none)").ToList(),
            Fallbacks = byTicket.SelectMany(x => x).Count(e => e.Type == TicketEventType.DraftGenerated && e.Reason == "fallback"),
        };
    }

    internal static double? Median(IEnumerable<double?> values)
    {
        var v = values.Where(x => x is not null).Select(x => x!.Value).Order().ToList();
        if (v.Count == 0) return null;
        var mid = v.Count / 2;
        return Math.Round(v.Count % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2, 2);
    }

    private sealed record TicketFacts(EventRow Created, EventRow? FirstReply, bool Ai, bool Deflected, double? FirstResponseMinutes, double? HandlingMinutes, string Category);
}
