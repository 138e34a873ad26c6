using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Triage;

public sealed record TrainingReport(string Field, int Examples, int Classes, int? Version, string? Skipped, FitCheck? Fit = null);

/// <summary>
/// Trains the per-field classifiers from the labelled tickets in the database (imported labels and agent
/// corrections), stores each as a new version, and serves the newest version of each field (cached, reloaded
/// when a newer one appears, e.g. trained by another process).
/// </summary>
public sealed partial class TriageModels(IDbContextFactory<AppDbContext> dbFactory, IOptions<TriageOptions> options, TimeProvider clock,
    IServiceProvider services, ILogger<TriageModels> log)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _embedding = new(1, 1);
    private long _embedIdleUntil; // UTC ticks: the background embedding skips its query until then
    private Dictionary<string, (int Version, FieldPredictor Predictor)> _loaded = [];
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();

    /// <summary>The embedding model's name, or null when none is configured (the n-gram classifiers then work alone).</summary>
    public string? EmbeddingModel => _embedder?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? (_embedder is null ? null : "configured");

    /// <summary>A ticket's embedding for the neighbour vote, or null when there is no model or it failed (triage then
    /// goes on with n-grams: a model that is down must not stop tickets from being triaged).</summary>
    public async Task<float[]?> EmbedAsync(string text, CancellationToken ct)
    {
        if (_embedder is null || text.Length == 0) return null;
        try { return (await _embedder.GenerateVectorAsync(Clip(text), cancellationToken: ct)).ToArray(); }
        catch (Exception ex) when (Knowledge.EmbeddingChain.IsModelFailure(ex) && !ct.IsCancellationRequested)
        {
            LogEmbeddingFailed(log, ex);
            return null;
        }
    }

    /// <summary>Small embedding models read the first few hundred words; the rest only costs tokenising time.</summary>
    private static string Clip(string text) => text.Length > 2000 ? text[..2000] : text;

    [LoggerMessage(LogLevel.Warning, "Ticket embedding failed; triage uses the n-gram classifiers alone")]
    private static partial void LogEmbeddingFailed(ILogger logger, Exception ex);

    private static IQueryable<TicketTriage> Labelled(AppDbContext db) => db.Triages.Where(t => t.Engine == "label" || t.Engine == "agent");

    /// <summary>The text triage reads of each ticket: its subject and first customer message.</summary>
    private static async Task<List<(int TicketId, string Text)>> TextsAsync(AppDbContext db, IQueryable<int> ids, CancellationToken ct)
    {
        var subjects = await db.Tickets.Where(k => ids.Contains(k.Id)).Select(k => new { k.Id, k.Subject }).ToListAsync(ct);
        var bodies = await db.TicketMessages.Where(m => m.Author == Tickets.MessageAuthor.Customer && ids.Contains(m.TicketId))
            .GroupBy(m => m.TicketId).Select(g => new { TicketId = g.Key, Body = g.OrderBy(m => m.Id).Select(m => m.Body).First() })
            .ToDictionaryAsync(x => x.TicketId, x => x.Body, ct);
        return subjects.Select(k => (k.Id, TriageText.Prepare(k.Subject, bodies.GetValueOrDefault(k.Id)))).ToList();
    }

    /// <summary>New labelled tickets were stored in this process: the background embedding looks at once, not within the minute.</summary>
    public void LabelsArrived() => Volatile.Write(ref _embedIdleUntil, 0);

    private static IQueryable<int> Unembedded(AppDbContext db, string model) =>
        Labelled(db).Where(t => !db.TicketEmbeddings.Any(e => e.TicketId == t.TicketId && e.Model == model)).Select(t => t.TicketId);

    /// <summary>Labelled tickets still waiting for their embedding (the admin page says a training would embed them).</summary>
    public async Task<int> UnembeddedCountAsync(CancellationToken ct = default)
    {
        if (_embedder is null || EmbeddingModel is not { } model) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Unembedded(db, model).CountAsync(ct);
    }

    /// <summary>
    /// Embeds up to <paramref name="max"/> labelled tickets that have no kept embedding of the current model — imported
    /// tickets arrive without one — so that the next training only trains (10,000 imported tickets: ~140 s of embedding
    /// done in the background instead of inside the admin's "Train"). Returns how many it embedded; 0 when none are left,
    /// there is no model, or the model failed.
    /// </summary>
    public async Task<int> EmbedLabelledAsync(int max, CancellationToken ct)
    {
        if (_embedder is null || EmbeddingModel is not { } model || clock.GetUtcNow().UtcTicks < Volatile.Read(ref _embedIdleUntil)) return 0;
        // Never beside a training of this process: both would keep the same tickets' embeddings.
        if (!await _embedding.WaitAsync(0, ct)) return 0;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var texts = await TextsAsync(db, Unembedded(db, model).OrderByDescending(id => id).Take(max), ct);
            var count = (await EmbedAllAsync(db, texts, ct))?.Count ?? 0;
            // All done (or the model is down): the query reads every labelled triage, so look again in a minute, not every pass.
            if (count < max) Volatile.Write(ref _embedIdleUntil, clock.GetUtcNow().AddMinutes(1).UtcTicks);
            return count;
        }
        finally { _embedding.Release(); }
    }

    public async Task<IReadOnlyList<TrainingReport>> TrainAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var labelled = await Labelled(db).Select(t => new { t.TicketId, t.Category, t.Type, t.Priority, t.Sentiment }).ToListAsync(ct);
        var texts = await TextsAsync(db, Labelled(db).Select(t => t.TicketId), ct);
        var textOf = texts.ToDictionary(t => t.TicketId, t => t.Text);
        var reports = new List<TrainingReport>();
        Dictionary<int, float[]>? vectors;
        await _embedding.WaitAsync(ct);
        try { vectors = await EmbedAllAsync(db, texts, ct); }
        finally { _embedding.Release(); }
        foreach (var field in TriageOptions.TrainedFields)
        {
            var rows = labelled.Where(l => textOf.ContainsKey(l.TicketId)).Select(l => (l.TicketId, Text: textOf[l.TicketId],
                    Label: field switch { "category" => l.Category, "type" => l.Type, "sentiment" => l.Sentiment, _ => l.Priority }))
                .Where(e => !string.IsNullOrWhiteSpace(e.Label)).ToList();
            var examples = rows.Select(e => (e.Text, Label: e.Label!, Vector: vectors?.GetValueOrDefault(e.TicketId))).ToList();
            var classes = examples.Select(e => e.Label).Distinct().Order().ToList();
            if (examples.Count < options.Value.MinExamples || classes.Count < 2)
            {
                reports.Add(new TrainingReport(field, examples.Count, classes.Count, null, $"needs {options.Value.MinExamples} labelled tickets of 2+ classes"));
                continue;
            }
            var model = vectors is null ? null : EmbeddingModel;
            var check = FitCheck.Run(examples, model, options.Value.TargetPrecision, options.Value.MinConfidentShare);
            var predictor = FieldPredictor.Train(examples, model);
            var version = (await db.TriageModels.Where(m => m.Field == field).MaxAsync(m => (int?)m.Version, ct) ?? 0) + 1;
            db.TriageModels.Add(new TriageModel
            {
                Field = field, Version = version, Examples = examples.Count, TrainedAt = clock.GetUtcNow().UtcDateTime, Bytes = predictor.Classifier.Save(),
                Classes = string.Join('\n', classes.Select(c => $"{c}\t{examples.Count(e => e.Label == c)}")), Neighbours = predictor.Neighbours?.Save(),
                FitCheck = System.Text.Json.JsonSerializer.Serialize(check),
            });
            await db.SaveChangesAsync(ct);
            reports.Add(new TrainingReport(field, examples.Count, classes.Count, version, null, check));
        }
        return reports;
    }

    /// <summary>Every labelled ticket's embedding, in batches; null when there is no embedding model or it failed. Kept
    /// embeddings of the same model and text are reused, new ones are kept (a retraining embeds only what changed).</summary>
    private async Task<Dictionary<int, float[]>?> EmbedAllAsync(AppDbContext db, List<(int TicketId, string Text)> tickets, CancellationToken ct)
    {
        if (_embedder is null || EmbeddingModel is not { } model) return null;
        var result = new Dictionary<int, float[]>();
        var wanted = tickets.Where(t => t.Text.Length > 0).DistinctBy(t => t.TicketId).ToList();
        foreach (var chunk in wanted.Chunk(1000))
        {
            var ids = chunk.Select(t => t.TicketId).ToList();
            var hashes = chunk.ToDictionary(t => t.TicketId, t => TicketEmbedding.Hash(t.Text));
            // Tracked: a stale row (another model, a changed text) is then refreshed below without another query.
            foreach (var kept in await db.TicketEmbeddings.Where(e => ids.Contains(e.TicketId)).ToListAsync(ct))
                if (kept.Model == model && kept.TextHash == hashes[kept.TicketId]) result[kept.TicketId] = TicketEmbedding.Unpack(kept.Vector);
        }
        try
        {
            foreach (var batch in wanted.Where(t => !result.ContainsKey(t.TicketId)).Chunk(32))
            {
                var embeddings = await _embedder.GenerateAsync(batch.Select(t => Clip(t.Text)), cancellationToken: ct);
                for (var i = 0; i < batch.Length; i++)
                {
                    result[batch[i].TicketId] = embeddings[i].Vector.ToArray();
                    await KeepEmbeddingAsync(db, batch[i].TicketId, model, batch[i].Text, result[batch[i].TicketId], ct, tracked: true);
                }
                try { await db.SaveChangesAsync(ct); }
                catch (DbUpdateException)
                {
                    // Another process kept some of these first (the background pass against a training started from
                    // another process): the vectors are in hand, and keeping them only saves a later embedding.
                    db.ChangeTracker.Clear();
                }
            }
            return result;
        }
        catch (Exception ex) when (Knowledge.EmbeddingChain.IsModelFailure(ex) && !ct.IsCancellationRequested)
        {
            LogEmbeddingFailed(log, ex);
            return null;
        }
    }

    /// <summary>Adds or refreshes a ticket's kept embedding in <paramref name="db"/>'s pending changes.</summary>
    /// <param name="tracked">Every existing row of this ticket is already tracked by <paramref name="db"/> (no lookup needed).</param>
    public static async Task KeepEmbeddingAsync(AppDbContext db, int ticketId, string model, string text, float[] vector, CancellationToken ct, bool tracked = false)
    {
        var row = db.TicketEmbeddings.Local.FirstOrDefault(e => e.TicketId == ticketId) ?? (tracked ? null : await db.TicketEmbeddings.FindAsync([ticketId], ct));
        var (hash, packed) = (TicketEmbedding.Hash(text), TicketEmbedding.Pack(vector));
        if (row is null) db.TicketEmbeddings.Add(new TicketEmbedding { TicketId = ticketId, Model = model, TextHash = hash, Vector = packed });
        else (row.Model, row.TextHash, row.Vector) = (model, hash, packed);
    }

    /// <summary>What the admin page shows: the newest model of each field, with its fit check.</summary>
    public async Task<IReadOnlyList<(string Field, int Version, int Examples, DateTime TrainedAt, FitCheck? Fit)>> SummaryAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.TriageModels.GroupBy(m => m.Field)
            .Select(g => g.OrderByDescending(m => m.Version).Select(m => new { m.Field, m.Version, m.Examples, m.TrainedAt, m.FitCheck }).First()).ToListAsync(ct);
        return rows.OrderBy(r => r.Field).Select(r => (r.Field, r.Version, r.Examples, r.TrainedAt,
            r.FitCheck is { Length: > 0 } json ? System.Text.Json.JsonSerializer.Deserialize<FitCheck>(json) : null)).ToList();
    }

    /// <summary>The newest predictor of each field that has one.</summary>
    public async Task<IReadOnlyDictionary<string, (int Version, FieldPredictor Predictor)>> CurrentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var newest = await db.TriageModels.GroupBy(m => m.Field).Select(g => new { Field = g.Key, Version = g.Max(m => m.Version) }).ToListAsync(ct);
        lock (_gate)
        {
            if (newest.All(n => _loaded.TryGetValue(n.Field, out var l) && l.Version == n.Version) && newest.Count == _loaded.Count) return _loaded;
        }
        var next = new Dictionary<string, (int, FieldPredictor)>();
        foreach (var n in newest)
        {
            var row = await db.TriageModels.AsNoTracking().SingleAsync(m => m.Field == n.Field && m.Version == n.Version, ct);
            // "label\tcount" lines; models trained before counts were kept have bare labels and get no prior correction.
            var lines = row.Classes.Split('\n').Select(l => l.Split('\t')).ToList();
            var counts = lines.ToDictionary(l => l[0], l => l.Length > 1 && int.TryParse(l[1], out var c) ? c : 1, StringComparer.Ordinal);
            var neighbours = row.Neighbours is { Length: > 0 } bytes ? NeighbourVote.Load(bytes) : null;
            if (neighbours is not null && neighbours.Model != EmbeddingModel) neighbours = null; // another model's space
            var priors = lines.All(l => l.Length > 1) ? FieldPredictor.Priors(counts)
                : counts.ToDictionary(c => c.Key, _ => 1.0, StringComparer.Ordinal);
            var fit = row.FitCheck is { Length: > 0 } json ? System.Text.Json.JsonSerializer.Deserialize<FitCheck>(json) : null;
            next[n.Field] = (n.Version, new FieldPredictor(FieldClassifier.Load(row.Bytes, lines.Select(l => l[0]).ToList()), neighbours, priors) { Fit = fit });
        }
        lock (_gate) _loaded = next;
        return next;
    }
}
