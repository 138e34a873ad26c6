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

    /// <summary>Documents by how often drafts of the range cited them; documents never cited in the range come last with 0.</summary>
    public async Task<IReadOnlyList<DocumentUse>> DocumentUseAsync(DashboardQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (fromUtc, toUtc) = (q.FromUtc, q.ToUtc);
        var cited = await db.DraftCitations.AsNoTracking()
            .Where(c => db.Drafts.Any(d => d.Id == c.DraftId && d.CreatedAt >= fromUtc && d.CreatedAt < toUtc))
            .GroupBy(c => c.DocumentId).Select(g => new { DocumentId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var docs = await db.Documents.AsNoTracking().Select(d => new { d.Id, d.FileName }).ToListAsync(ct);
        return docs.Select(d => new DocumentUse(d.Id, d.FileName, cited.FirstOrDefault(c => c.DocumentId == d.Id)?.Count ?? 0))
            .OrderByDescending(d => d.Citations).ThenBy(d => d.FileName).ToList();
    }

    /// <summary>Values for the filter menus.</summary>
    public async Task<(IReadOnlyList<string> Categories, IReadOnlyList<string> Queues, IReadOnlyList<string> Models, IReadOnlyList<string> Prompts, IReadOnlyList<(string Id, string Name)> Agents)> FacetsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var categories = await db.Triages.Where(t => t.Category != null).Select(t => t.Category!).Distinct().OrderBy(x => x).ToListAsync(ct);
        var queues = await db.Tickets.Where(t => t.Queue != null).Select(t => t.Queue!).Distinct().OrderBy(x => x).ToListAsync(ct);
        var models = await db.Drafts.Select(d => d.Model).Distinct().OrderBy(x => x).ToListAsync(ct);
        var prompts = await db.Drafts.Select(d => d.PromptVersion).Distinct().OrderBy(x => x).ToListAsync(ct);
        var agents = await db.Users.Where(u => db.Approvals.Any(a => a.ApprovedByUserId == u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        return (categories, queues, models, prompts, agents.Select(a => (a.Id, a.Email ?? a.Id)).ToList());
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
