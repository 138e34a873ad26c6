using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Triage;

public sealed record TrainingReport(string Field, int Examples, int Classes, int? Version, string? Skipped);

/// <summary>
/// Trains the per-field classifiers from the labelled tickets in the database (imported labels and agent
/// corrections), stores each as a new version, and serves the newest version of each field (cached, reloaded
/// when a newer one appears, e.g. trained by another process).
/// </summary>
public sealed class TriageModels(IDbContextFactory<AppDbContext> dbFactory, IOptions<TriageOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private Dictionary<string, (int Version, FieldClassifier Classifier)> _loaded = [];

    public async Task<IReadOnlyList<TrainingReport>> TrainAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var labelled = await db.Triages.Where(t => t.Engine == "label" || t.Engine == "agent")
            .Join(db.Tickets, t => t.TicketId, k => k.Id, (t, k) => new { t.TicketId, k.Subject, t.Category, t.Type, t.Priority, t.Sentiment })
            .ToListAsync(ct);
        var bodies = await db.TicketMessages.Where(m => m.Author == Tickets.MessageAuthor.Customer)
            .GroupBy(m => m.TicketId).Select(g => new { TicketId = g.Key, Body = g.OrderBy(m => m.Id).Select(m => m.Body).First() })
            .ToDictionaryAsync(x => x.TicketId, x => x.Body, ct);
        var reports = new List<TrainingReport>();
        foreach (var field in TriageOptions.TrainedFields)
        {
            var examples = labelled.Select(l => (Text: TriageText.Prepare(l.Subject, bodies.GetValueOrDefault(l.TicketId)),
                    Label: field switch { "category" => l.Category, "type" => l.Type, "sentiment" => l.Sentiment, _ => l.Priority }))
                .Where(e => !string.IsNullOrWhiteSpace(e.Label)).Select(e => (e.Text, e.Label!)).ToList();
            var classes = examples.Select(e => e.Item2).Distinct().Order().ToList();
            if (examples.Count < options.Value.MinExamples || classes.Count < 2)
            {
                reports.Add(new TrainingReport(field, examples.Count, classes.Count, null, $"needs {options.Value.MinExamples} labelled tickets of 2+ classes"));
                continue;
            }
            var classifier = FieldClassifier.Train(examples);
            var version = (await db.TriageModels.Where(m => m.Field == field).MaxAsync(m => (int?)m.Version, ct) ?? 0) + 1;
            db.TriageModels.Add(new TriageModel
            {
                Field = field, Version = version, Classes = string.Join('\n', classes), Examples = examples.Count,
                TrainedAt = clock.GetUtcNow().UtcDateTime, Bytes = classifier.Save(),
            });
            await db.SaveChangesAsync(ct);
            reports.Add(new TrainingReport(field, examples.Count, classes.Count, version, null));
        }
        return reports;
    }

    /// <summary>What the admin page shows: the newest model of each field.</summary>
    public async Task<IReadOnlyList<(string Field, int Version, int Examples, DateTime TrainedAt)>> SummaryAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.TriageModels.GroupBy(m => m.Field)
            .Select(g => g.OrderByDescending(m => m.Version).Select(m => new { m.Field, m.Version, m.Examples, m.TrainedAt }).First()).ToListAsync(ct);
        return rows.OrderBy(r => r.Field).Select(r => (r.Field, r.Version, r.Examples, r.TrainedAt)).ToList();
    }

    /// <summary>The newest classifier of each field that has one.</summary>
    public async Task<IReadOnlyDictionary<string, (int Version, FieldClassifier Classifier)>> CurrentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var newest = await db.TriageModels.GroupBy(m => m.Field).Select(g => new { Field = g.Key, Version = g.Max(m => m.Version) }).ToListAsync(ct);
        lock (_gate)
        {
            if (newest.All(n => _loaded.TryGetValue(n.Field, out var l) && l.Version == n.Version) && newest.Count == _loaded.Count) return _loaded;
        }
        var next = new Dictionary<string, (int, FieldClassifier)>();
        foreach (var n in newest)
        {
            var row = await db.TriageModels.AsNoTracking().SingleAsync(m => m.Field == n.Field && m.Version == n.Version, ct);
            next[n.Field] = (n.Version, FieldClassifier.Load(row.Bytes, row.Classes.Split('\n')));
        }
        lock (_gate) _loaded = next;
        return next;
    }
}
