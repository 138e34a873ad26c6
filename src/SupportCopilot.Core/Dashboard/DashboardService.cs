using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Events;

namespace SupportCopilot.Core.Dashboard;

public sealed class DashboardOptions
{
    public const string Section = "Dashboard";
    /// <summary>Manual handling time hours-saved assumes when the range has no replies written without an AI draft.</summary>
    [System.ComponentModel.DataAnnotations.Range(0.1, 1440)]
    public double ManualHandlingMinutes { get; set; } = 8;
}

/// <summary>A dashboard question: tickets created from <see cref="From"/> to <see cref="To"/> (both days included) in <see cref="Zone"/>.</summary>
public sealed record DashboardQuery(DateOnly From, DateOnly To, TimeZoneInfo Zone, MetricFilter Filter)
{
    public DateTime FromUtc => TimeZoneInfo.ConvertTimeToUtc(From.ToDateTime(TimeOnly.MinValue), Zone);
    public DateTime ToUtc => TimeZoneInfo.ConvertTimeToUtc(To.AddDays(1).ToDateTime(TimeOnly.MinValue), Zone);
}

public sealed record GapTicket(int Id, string Subject, double? Confidence, string? RejectReason);

/// <summary>A knowledge gap: tickets of one category whose drafts had low retrieval confidence or were rejected for missing or wrong knowledge.</summary>
public sealed record KnowledgeGap(string Category, int Tickets, IReadOnlyList<string> TopTerms, IReadOnlyList<GapTicket> Examples);

public sealed record DocumentUse(int DocumentId, string FileName, int Citations);

/// <summary>The dashboard's numbers, computed from the append-only events table as DESIGN.md defines them.</summary>
public sealed class DashboardService(IDbContextFactory<AppDbContext> dbFactory, TicketFactsCache facts, IOptions<DashboardOptions> options, TimeProvider clock)
{
    /// <summary>Subjects read per gap cluster for its recurring terms: enough for a hint, bounded on a long range.</summary>
    private const int SubjectsPerGap = 300;

    public async Task<MetricsResult> MetricsAsync(DashboardQuery q, CancellationToken ct = default)
    {
        // The cohort is the tickets created in the range; all their events count, also those after the range (a reply on the 1st to a ticket of the 31st).
        return await facts.ReadAsync(q.FromUtc, q.ToUtc,
            cohort => DeflectionMetrics.Aggregate(cohort, q.Zone, q.Filter, options.Value.ManualHandlingMinutes, clock.GetUtcNow().UtcDateTime), ct);
    }

    /// <summary>The same numbers computed the slow way, straight from the events table: the reference the cache is checked against.</summary>
    public async Task<MetricsResult> MetricsFromEventsAsync(DashboardQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (fromUtc, toUtc) = (q.FromUtc, q.ToUtc);
        var rows = await (from t in db.Tickets.AsNoTracking().Where(t => t.CreatedAt >= fromUtc && t.CreatedAt < toUtc)
                          join e in db.TicketEvents.AsNoTracking() on t.Id equals e.TicketId
                          select new EventRow(e.TicketId, e.Type, e.At, e.UserId, e.Model, e.PromptVersion, e.EditRatio, e.Reason, e.Confidence, e.Category, e.Queue))
            .ToListAsync(ct);
        return DeflectionMetrics.Compute(rows, q.Zone, q.Filter, options.Value.ManualHandlingMinutes, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Knowledge gaps in the range, biggest first, with example tickets.</summary>
    public async Task<IReadOnlyList<KnowledgeGap>> GapsAsync(DashboardQuery q, CancellationToken ct = default)
    {
        var gaps = await facts.ReadAsync(q.FromUtc, q.ToUtc, cohort => cohort
            .Where(f => f.IsKnowledgeGap && (q.Filter.Category is null || f.Category == q.Filter.Category) && (q.Filter.Queue is null || f.Queue == q.Filter.Queue))
            .GroupBy(f => f.Category ?? "(uncategorised)")
            .Select(g => (Category: g.Key, Count: g.Count(), Recent: g.OrderByDescending(f => f.TicketId).Take(SubjectsPerGap).ToList()))
            .OrderByDescending(g => g.Count).ToList(), ct);
        // Subjects only for the tickets shown or mined for terms: a year of gaps would otherwise mean reading every subject.
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subjects = new Dictionary<int, string>();
        foreach (var batch in gaps.SelectMany(g => g.Recent.Select(f => f.TicketId)).Chunk(500))
            foreach (var t in await db.Tickets.AsNoTracking().Where(t => batch.Contains(t.Id)).Select(t => new { t.Id, t.Subject }).ToListAsync(ct))
                subjects[t.Id] = t.Subject;
        return gaps.Select(g => new KnowledgeGap(g.Category, g.Count, TopTerms(g.Recent.Select(f => subjects.GetValueOrDefault(f.TicketId, ""))),
                g.Recent.Take(5).Select(f => new GapTicket(f.TicketId, subjects.GetValueOrDefault(f.TicketId, ""),
                    f.LowestConfidence < ExtractiveDrafter.UnsureBelow ? f.LowestConfidence : null, f.KnowledgeRejection)).ToList()))
            .ToList();
    }

    /// <summary>Documents by how often the drafts of the range's tickets (the cohort, as every figure) cited them;
    /// documents never cited come last with 0. Counted from the facts cache: the join over citations took 0.8 s for a
    /// year at a million tickets.</summary>
    public async Task<IReadOnlyList<DocumentUse>> DocumentUseAsync(DashboardQuery q, CancellationToken ct = default)
    {
        var cited = await facts.ReadAsync(q.FromUtc, q.ToUtc, cohort =>
        {
            var counts = new Dictionary<int, int>();
            foreach (var f in cohort)
            {
                if ((q.Filter.Category is not null && f.Category != q.Filter.Category) || (q.Filter.Queue is not null && f.Queue != q.Filter.Queue)) continue;
                foreach (var document in f.CitedDocuments) System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, document, out _)++;
            }
            return counts;
        }, ct);
        return await WithFileNamesAsync(cited, ct);
    }

    /// <summary>The same counts straight from the citations table (no category or queue filter): the reference for the cache.</summary>
    public async Task<IReadOnlyList<DocumentUse>> DocumentUseFromDatabaseAsync(DashboardQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (fromUtc, toUtc) = (q.FromUtc, q.ToUtc);
        var cited = await (from c in db.DraftCitations.AsNoTracking()
                           join d in db.Drafts.AsNoTracking() on c.DraftId equals d.Id
                           join t in db.Tickets.AsNoTracking() on d.TicketId equals t.Id
                           where t.CreatedAt >= fromUtc && t.CreatedAt < toUtc
                           group c by c.DocumentId into g
                           select new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return await WithFileNamesAsync(cited, ct);
    }

    private async Task<IReadOnlyList<DocumentUse>> WithFileNamesAsync(Dictionary<int, int> cited, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var docs = await db.Documents.AsNoTracking().Select(d => new { d.Id, d.FileName }).ToListAsync(ct);
        return docs.Select(d => new DocumentUse(d.Id, d.FileName, cited.GetValueOrDefault(d.Id)))
            .OrderByDescending(d => d.Citations).ThenBy(d => d.FileName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Values for the filter menus: every category, queue, model and prompt version the facts hold, and the
    /// agents who approved a draft. From the facts cache: DISTINCT over a million drafts and tickets took 320 ms.</summary>
    public async Task<(IReadOnlyList<string> Categories, IReadOnlyList<string> Queues, IReadOnlyList<string> Models, IReadOnlyList<string> Prompts, IReadOnlyList<(string Id, string Name)> Agents)> FacetsAsync(CancellationToken ct = default)
    {
        var sets = await facts.ReadAsync(DateTime.MinValue, DateTime.MaxValue, all =>
        {
            // By reference first (the cache interns names, so a million tickets hold a handful of strings), by value at the end.
            var found = Enumerable.Range(0, 5).Select(_ => new HashSet<string>(ReferenceEqualityComparer.Instance)).ToArray();
            foreach (var f in all)
            {
                if (f.Category is not null) found[0].Add(f.Category);
                if (f.Queue is not null) found[1].Add(f.Queue);
                foreach (var d in f.Drafts)
                {
                    if (d.Model is not null) found[2].Add(d.Model);
                    if (d.PromptVersion is not null) found[3].Add(d.PromptVersion);
                    if (d.Type == TicketEventType.Approved && d.UserId is not null) found[4].Add(d.UserId);
                }
            }
            return found.Select(set => set.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()).ToArray();
        }, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agentIds = sets[4];
        var agents = await db.Users.Where(u => agentIds.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        return (sets[0], sets[1], sets[2], sets[3],
            agents.Select(a => (a.Id, a.Email ?? a.Id)).OrderBy(a => a.Item2, StringComparer.Ordinal).ToList());
    }

    private static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "and", "or", "to", "of", "in", "on", "for", "with", "my", "is", "it", "not", "does", "do", "how", "can", "i", "re", "your", "after", "what", "why", "when", "from", "at", "be", "no",
    };

    /// <summary>The words that most often recur in the cluster's subjects: a hint at the missing topic, not a model.</summary>
    internal static IReadOnlyList<string> TopTerms(IEnumerable<string> subjects) =>
        subjects.SelectMany(s => s.ToLowerInvariant().Split([' ', ',', '.', '?', '!', ':', ';', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries).Distinct())
            .Where(w => w.Length > 2 && !Stop.Contains(w)).GroupBy(w => w).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(5).Select(g => g.Key).ToList();
}
