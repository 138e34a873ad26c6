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
    /// <summary>"I could not find this" drafts: tickets the knowledge base could not answer, handed to a specialist.</summary>
    public int Escalations { get; init; }
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

    /// <summary>The metrics over per-ticket facts (one ticket's events condensed, <see cref="TicketFact.Build"/>). One pass with
    /// counters and tick lists per core, merged: every figure is a sum, an exact tick sum or a median, so the split cannot change it.</summary>
    public static MetricsResult Aggregate(IEnumerable<TicketFact> facts, TimeZoneInfo zone, MetricFilter filter, double fallbackManualMinutes, DateTime nowUtc,
        int parallelFrom = 50_000, int? parts = null)
    {
        var list = facts as IReadOnlyList<TicketFact> ?? facts.ToList();
        parts ??= list.Count < parallelFrom ? 1 : Environment.ProcessorCount;
        var tallies = new Tally[parts.Value];
        Parallel.For(0, parts.Value, p =>
        {
            var tally = tallies[p] = new Tally(zone, filter, nowUtc);
            for (int i = list.Count * p / parts.Value, end = list.Count * (p + 1) / parts.Value; i < end; i++) tally.Add(list[i]);
        });
        try
        {
            for (var p = 1; p < parts; p++) tallies[0].Merge(tallies[p]);
            return tallies[0].Result(fallbackManualMinutes);
        }
        finally
        {
            foreach (var tally in tallies) tally.Dispose();
        }
    }

    /// <summary>Running totals over a share of the cohort.</summary>
    private sealed class Tally(TimeZoneInfo zone, MetricFilter filter, DateTime nowUtc) : IDisposable
    {
        private readonly LocalDays _day = new(zone);
        private readonly DayCounts _days = new();
        private readonly SplitCounter _byCategory = new(), _byModel = new(), _byPrompt = new(), _byAgent = new();
        private readonly SplitCounter _reasons = new();
        // Durations in ticks: exact sums whatever order the facts come in, and medians by selection rather than sorting.
        private readonly TickList _frt = new(), _frtAi = new(), _frtManual = new(), _handlingAi = new(), _handlingManual = new();
        private int _tickets, _replied, _shown, _approved, _unchanged, _light, _rejected, _deflected, _pending, _fallbacks, _escalations;

        private bool DraftMatches(in DraftEvent e) => (filter.Model is null || e.Model == filter.Model) && (filter.PromptVersion is null || e.PromptVersion == filter.PromptVersion);
        private static bool IsAi(string? model) => model is not null && model != ApprovalService.HumanModel;

        private Span<int> Day(DateTime utc) => _days.Of(_day.Of(utc));

        public void Add(TicketFact f)
        {
            if ((filter.Category is not null && f.Category != filter.Category) || (filter.Queue is not null && f.Queue != filter.Queue)) return;
            _tickets++;
            _fallbacks += f.FallbackDrafts;
            _escalations += f.EscalationDrafts;
            Day(f.CreatedAt)[0]++;
            if (f.FirstReply is { } r && (filter.AgentId is null || r.UserId == filter.AgentId) && DraftMatches(r))
            {
                _replied++;
                var ai = IsAi(r.Model);
                var replyDay = Day(r.At);
                replyDay[1]++;
                // A reply younger than 7 days may still be reopened: it counts as deflected only once its window has passed.
                var candidate = ai && r.EditRatio < EditDistance.LightEditBelow && !f.ReopenedInWindow;
                if (candidate && r.At + ReopenWindow <= nowUtc) { _deflected++; replyDay[2]++; }
                else if (candidate) _pending++;
                var ticks = (r.At - f.CreatedAt).Ticks;
                _frt.Add(ticks);
                (ai ? _frtAi : _frtManual).Add(ticks);
                if (f.FirstShownAt is { } opened && opened <= r.At) (ai ? _handlingAi : _handlingManual).Add((r.At - opened).Ticks);
            }
            foreach (ref readonly var e in f.Drafts.AsSpan())
            {
                if (!DraftMatches(e) || (filter.AgentId is not null && e.Type != TicketEventType.DraftShown && e.UserId != filter.AgentId)) continue;
                int column;
                if (e.Type == TicketEventType.DraftShown) { _shown++; column = 0; Day(e.At)[3]++; }
                else if (e.Type == TicketEventType.Approved && IsAi(e.Model))
                {
                    _approved++;
                    column = 1;
                    Day(e.At)[4]++;
                    if (e.EditRatio == 0) _unchanged++;
                    else if (e.EditRatio > 0 && e.EditRatio < EditDistance.LightEditBelow) _light++;
                }
                else if (e.Type == TicketEventType.Rejected)
                {
                    _rejected++;
                    column = 2;
                    Day(e.At)[5]++;
                    _reasons.Add(e.Reason ?? "unknown", 0);
                }
                else continue;
                _byCategory.Add(f.Category, column);
                _byModel.Add(e.Model, column);
                _byPrompt.Add(e.PromptVersion, column);
                // Agents approve and reject; showing is nobody's act. An agent's "shown" is the drafts they decided, so their
                // acceptance is approved / (approved + rejected) — not 107 approved next to 0 shown.
                if (column > 0 && e.UserId is not null)
                {
                    _byAgent.Add(e.UserId, 0);
                    _byAgent.Add(e.UserId, column);
                }
            }
        }

        public void Merge(Tally o)
        {
            (_tickets, _replied, _shown, _approved, _unchanged) = (_tickets + o._tickets, _replied + o._replied, _shown + o._shown, _approved + o._approved, _unchanged + o._unchanged);
            (_light, _rejected, _deflected, _pending, _fallbacks) = (_light + o._light, _rejected + o._rejected, _deflected + o._deflected, _pending + o._pending, _fallbacks + o._fallbacks);
            _days.Merge(o._days);
            _reasons.Merge(o._reasons);
            _byCategory.Merge(o._byCategory);
            _byModel.Merge(o._byModel);
            _byPrompt.Merge(o._byPrompt);
            _byAgent.Merge(o._byAgent);
            _frt.AddRange(o._frt.Span);
            _frtAi.AddRange(o._frtAi.Span);
            _frtManual.AddRange(o._frtManual.Span);
            _handlingAi.AddRange(o._handlingAi.Span);
            _handlingManual.AddRange(o._handlingManual.Span);
        }

        public void Dispose()
        {
            foreach (var list in new[] { _frt, _frtAi, _frtManual, _handlingAi, _handlingManual }) list.Dispose();
        }

        public MetricsResult Result(double fallbackManualMinutes)
        {
            // Five independent selections over up to a million values each: side by side on the cores.
            var medians = new double?[5];
            var lists = new[] { _frt, _frtAi, _frtManual, _handlingAi, _handlingManual };
            Parallel.For(0, lists.Length, i => medians[i] = MedianMinutes(lists[i].Span));
            var manualHandling = medians[4];
            var assumed = manualHandling ?? fallbackManualMinutes;
            // Σ max(0, assumed − h) = count below × assumed − Σ h below: a sum of whole ticks, exact in any order.
            var assumedTicks = assumed * TimeSpan.TicksPerMinute;
            long below = 0, belowTicks = 0;
            foreach (var h in _handlingAi.Span) if (h < assumedTicks) { below++; belowTicks += h; }
            var saved = (below * assumedTicks - belowTicks) / TimeSpan.TicksPerHour;
            return new MetricsResult
            {
                Tickets = _tickets,
                Replied = _replied,
                DraftsShown = _shown,
                DraftsApproved = _approved,
                ApprovedUnchanged = _unchanged,
                ApprovedLightEdit = _light,
                ApprovedHeavyEdit = _approved - _unchanged - _light,
                DraftsRejected = _rejected,
                AcceptanceRate = _shown == 0 ? null : Math.Round((double)_approved / _shown, 4),
                Deflected = _deflected,
                DeflectionPending = _pending,
                DeflectionRate = _replied == 0 ? null : Math.Round((double)_deflected / _replied, 4),
                MedianFirstResponseMinutes = medians[0],
                MedianFirstResponseMinutesAi = medians[1],
                MedianFirstResponseMinutesManual = medians[2],
                MedianHandlingMinutesAi = medians[3],
                MedianHandlingMinutesManual = manualHandling,
                AssumedManualHandlingMinutes = Math.Round(assumed, 2),
                AssumptionSource = manualHandling is null
                    ? $"no manual replies in the range: the configured Dashboard:ManualHandlingMinutes ({fallbackManualMinutes} min)"
                    : "median handling time of replies written without an AI draft in the range",
                HoursSaved = Math.Round(saved, 2),
                RejectionReasons = _reasons.Splits().OrderByDescending(r => r.Shown).ThenBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Shown),
                Days = _days.Points(),
                ByCategory = _byCategory.Splits(),
                ByModel = _byModel.Splits(),
                ByPromptVersion = _byPrompt.Splits(),
                ByAgent = _byAgent.Splits(),
                Fallbacks = _fallbacks,
                Escalations = _escalations,
            };
        }
    }

    /// <summary>Median of durations in ticks, in minutes rounded to 2 places; reorders the values.</summary>
    internal static double? MedianMinutes(Span<long> values)
    {
        if (values.Length == 0) return null;
        var mid = values.Length / 2;
        var upper = Select(values, mid);
        // Even count: the lower middle is the largest value left of the selected one (selection leaves them all smaller or equal).
        double median = values.Length % 2 == 1 ? upper : (Max(values[..mid]) + (double)upper) / 2;
        return Math.Round(median / TimeSpan.TicksPerMinute, 2);
    }

    private static long Max(Span<long> values)
    {
        var max = long.MinValue;
        foreach (var v in values) max = Math.Max(max, v);
        return max;
    }

    /// <summary>A growable list of durations on pooled arrays: a year's query would otherwise allocate megabyte arrays on
    /// the large-object heap every time, and those force full collections of the whole facts cache.</summary>
    private sealed class TickList : IDisposable
    {
        private long[] _items = System.Buffers.ArrayPool<long>.Shared.Rent(256);
        private int _count;

        public Span<long> Span => _items.AsSpan(0, _count);

        public void Add(long value)
        {
            if (_count == _items.Length) Grow(_count + 1);
            _items[_count++] = value;
        }

        public void AddRange(ReadOnlySpan<long> values)
        {
            if (_count + values.Length > _items.Length) Grow(_count + values.Length);
            values.CopyTo(_items.AsSpan(_count));
            _count += values.Length;
        }

        private void Grow(int needed)
        {
            var bigger = System.Buffers.ArrayPool<long>.Shared.Rent(Math.Max(needed, _items.Length * 2));
            Span.CopyTo(bigger);
            System.Buffers.ArrayPool<long>.Shared.Return(_items);
            _items = bigger;
        }

        public void Dispose() => System.Buffers.ArrayPool<long>.Shared.Return(_items);
    }

    /// <summary>Quickselect: the k-th smallest, with everything left of k no larger; O(n) where sorting a million values was most of a year's query.</summary>
    private static long Select(Span<long> v, int k)
    {
        int lo = 0, hi = v.Length - 1;
        while (lo < hi)
        {
            var pivot = v[lo + (hi - lo) / 2];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (v[i] < pivot) i++;
                while (v[j] > pivot) j--;
                if (i <= j) { (v[i], v[j]) = (v[j], v[i]); i++; j--; }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return v[k];
        }
        return v[k];
    }

    /// <summary>Shown / approved / rejected per key ("(none)" when the key is missing). Counted by reference: the cache
    /// interns names, so a reference hash replaces hashing the string a dozen times per ticket (most of a year's query);
    /// equal strings that are different objects still end up in one split when the counts are read.</summary>
    private sealed class SplitCounter
    {
        private static readonly object None = new();
        private readonly Dictionary<object, int[]> _counts = new(ReferenceEqualityComparer.Instance);
        private (object? Key, int[] Counts) _last;

        public void Add(string? key, int column)
        {
            object k = key ?? None;
            if (!ReferenceEquals(_last.Key, k) && !_counts.TryGetValue(k, out _last.Counts!)) _counts[k] = _last.Counts = new int[3];
            _last.Key = k;
            _last.Counts[column]++;
        }

        public void Merge(SplitCounter other)
        {
            foreach (var (key, counts) in other._counts)
            {
                if (!_counts.TryGetValue(key, out var mine)) _counts[key] = mine = new int[3];
                for (var i = 0; i < 3; i++) mine[i] += counts[i];
            }
            _last = default;
        }

        public List<Split> Splits() => _counts.GroupBy(kv => kv.Key as string ?? "(none)", StringComparer.Ordinal)
            .Select(g => new Split(g.Key, g.Sum(kv => kv.Value[0]), g.Sum(kv => kv.Value[1]), g.Sum(kv => kv.Value[2])))
            .OrderByDescending(s => s.Shown).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Six counters per local day in one flat array indexed by day number, growing either way: a dictionary
    /// lookup for each of a ticket's events was a large share of a long range.</summary>
    private sealed class DayCounts
    {
        private const int Columns = 6;
        private int _first;
        private int[] _counts = [];

        private int Days => _counts.Length / Columns;

        public Span<int> Of(DateOnly day)
        {
            var n = day.DayNumber;
            if (_counts.Length == 0) (_first, _counts) = (n, new int[Columns * 32]);
            else if (n < _first || n >= _first + Days) Grow(n);
            return _counts.AsSpan((n - _first) * Columns, Columns);
        }

        private void Grow(int n)
        {
            var first = Math.Min(_first, n);
            var days = Math.Max(Math.Max(_first + Days, n + 1) - first, Days * 2);
            var bigger = new int[days * Columns];
            _counts.CopyTo(bigger, (_first - first) * Columns);
            (_first, _counts) = (first, bigger);
        }

        public void Merge(DayCounts other)
        {
            for (var d = 0; d < other.Days; d++)
            {
                var theirs = other._counts.AsSpan(d * Columns, Columns);
                if (!theirs.ContainsAnyExcept(0)) continue;
                var mine = Of(DateOnly.FromDayNumber(other._first + d));
                for (var i = 0; i < Columns; i++) mine[i] += theirs[i];
            }
        }

        /// <summary>The days with any count, in order.</summary>
        public List<DayPoint> Points()
        {
            var points = new List<DayPoint>();
            for (var d = 0; d < Days; d++)
            {
                var c = _counts.AsSpan(d * Columns, Columns);
                if (c.ContainsAnyExcept(0)) points.Add(new DayPoint(DateOnly.FromDayNumber(_first + d), c[0], c[1], c[2], c[3], c[4], c[5]));
            }
            return points;
        }
    }

    /// <summary>UTC instant → local day, remembered per quarter hour (every zone's offset is a multiple of 15 minutes):
    /// converting each of a million timestamps through TimeZoneInfo would dominate a long range.</summary>
    private sealed class LocalDays(TimeZoneInfo zone)
    {
        private readonly Dictionary<long, DateOnly> _seen = [];
        private (long Quarter, DateOnly Day) _last = (-1, default);
        /// <summary>UTC and other zones without daylight saving: a fixed offset, so the day is arithmetic.</summary>
        private readonly long? _fixedOffset = zone.SupportsDaylightSavingTime ? null : zone.BaseUtcOffset.Ticks;

        public DateOnly Of(DateTime utc)
        {
            if (_fixedOffset is { } offset) return DateOnly.FromDayNumber((int)((utc.Ticks + offset) / TimeSpan.TicksPerDay));
            var quarter = utc.Ticks / (TimeSpan.TicksPerMinute * 15);
            if (quarter == _last.Quarter) return _last.Day;
            if (!_seen.TryGetValue(quarter, out var d)) _seen[quarter] = d = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(new DateTime(quarter * TimeSpan.TicksPerMinute * 15, DateTimeKind.Utc), zone));
            _last = (quarter, d);
            return d;
        }
    }
}
