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
public sealed class DashboardService(IDbContextFactory<AppDbContext> dbFactory, IOptions<DashboardOptions> options, TimeProvider clock)
{
    public async Task<MetricsResult> MetricsAsync(DashboardQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (fromUtc, toUtc) = (q.FromUtc, q.ToUtc);
        // The cohort is the tickets created in the range; all their events count, also those after the range (a reply on the 1st to a ticket of the 31st).
        // Written as a join from the tickets (index on CreatedAt) to their events (index on TicketId, At), so the
        // database reads only the range's rows rather than testing every event.
        var rows = await (from t in db.Tickets.AsNoTracking().Where(t => t.CreatedAt >= fromUtc && t.CreatedAt < toUtc)
                          join e in db.TicketEvents.AsNoTracking() on t.Id equals e.TicketId
                          select new EventRow(e.TicketId, e.Type, e.At, e.UserId, e.Model, e.PromptVersion, e.EditRatio, e.Reason, e.Confidence, e.Category, e.Queue))
            .ToListAsync(ct);
        return DeflectionMetrics.Compute(rows, q.Zone, q.Filter, options.Value.ManualHandlingMinutes, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Knowledge gaps in the range, biggest first, with example tickets.</summary>
    public async Task<IReadOnlyList<KnowledgeGap>> GapsAsync(DashboardQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (fromUtc, toUtc) = (q.FromUtc, q.ToUtc);
        var unsure = ExtractiveDrafter.UnsureBelow;
        // One query, no id list (a year holds more gap tickets than SQLite allows parameters).
        var hits = await (from t in db.Tickets.AsNoTracking().Where(t => t.CreatedAt >= fromUtc && t.CreatedAt < toUtc)
                          join e in db.TicketEvents.AsNoTracking() on t.Id equals e.TicketId
                          where (e.Type == TicketEventType.DraftGenerated && e.Confidence < unsure)
                                || (e.Type == TicketEventType.Rejected && (e.Reason == nameof(RejectReason.MissingKnowledge) || e.Reason == nameof(RejectReason.WrongFacts)))
                          select new { t.Id, t.Subject, Category = t.Triage!.Category, t.Queue, e.Confidence, e.Reason, e.Type })
            .ToListAsync(ct);
        return hits.Where(h => (q.Filter.Category is null || h.Category == q.Filter.Category) && (q.Filter.Queue is null || h.Queue == q.Filter.Queue))
            .GroupBy(h => h.Id)
            .Select(g => new
            {
                Id = g.Key, g.First().Subject, g.First().Category,
                Confidence = g.Where(h => h.Type == TicketEventType.DraftGenerated).Select(h => h.Confidence).Min(),
                Reason = g.Where(h => h.Type == TicketEventType.Rejected).Select(h => h.Reason).FirstOrDefault(),
            })
            .GroupBy(t => t.Category ?? "(uncategorised)")
            .Select(g => new KnowledgeGap(g.Key, g.Count(), TopTerms(g.Select(t => t.Subject)),
                g.OrderByDescending(t => t.Id).Take(5).Select(t => new GapTicket(t.Id, t.Subject, t.Confidence, t.Reason)).ToList()))
            .OrderByDescending(g => g.Tickets).ToList();
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
