using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Knowledge;

namespace SupportCopilot.Core.Memory;

/// <summary>
/// Embeds memory entries after they are written (not inside the approval, which must stay fast) and keeps this
/// process's memory vector index equal to the database: new entries in, erased ones out, every couple of seconds.
/// </summary>
public sealed partial class MemoryIndexer(IDbContextFactory<AppDbContext> dbFactory, MemoryVectors vectors, EmbeddingIndexer embeddings,
    IServiceProvider services, ILogger<MemoryIndexer> log) : BackgroundService
{
    public const int Batch = 32;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
    private readonly Retrieval.Qdrant.QdrantClient? _qdrant = ReplyMemories.QdrantCollection(services);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_embedder is null || embeddings.ModelName is null) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { LogFailed(log, ex); }
            try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Embeds every entry without a vector of the current model, then syncs the index; returns (embedded, added, removed).</summary>
    public async Task<(int Embedded, int Added, int Removed)> RunOnceAsync(CancellationToken ct = default)
    {
        var model = embeddings.ModelName;
        if (_embedder is null || model is null) return (0, 0, 0);
        var embedded = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // VectorModel is set with the vector and only with it, so its index finds the entries that lack this model's
            // vector — asked as "no model, or one sorting before or after it" (ranges the index can seek; "<>" scans it)
            // and without an order, which would read the table instead (probe, 200k entries: 237 → 0.3 ms a pass).
            var pending = await db.ReplyMemories
                .Where(m => m.VectorModel == null || string.Compare(m.VectorModel, model) < 0 || string.Compare(m.VectorModel, model) > 0)
                .Select(m => m.Id).Take(Batch).ToListAsync(ct);
            if (pending.Count == 0) break;
            var batch = await db.ReplyMemories.Where(m => pending.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(ct);
            var generated = await _embedder.GenerateAsync(batch.Select(m => ReplyMemories.Cap(m.Subject + "\n" + m.CustomerText)), cancellationToken: ct);
            for (var i = 0; i < batch.Count; i++)
                (batch[i].Vector, batch[i].VectorModel) = (MemoryMarshal.AsBytes(generated[i].Vector.Span).ToArray(), model);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { } // an entry was erased while it was being embedded: nothing to keep
            embedded += batch.Count;
        }
        var (added, removed) = await SyncAsync(model, ct);
        return (embedded, added, removed);
    }

    private async Task<(int Added, int Removed)> SyncAsync(string model, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = (await db.ReplyMemories.Where(m => m.VectorModel == model).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
        var index = vectors.Index;
        var indexed = index.Model == model ? index.ChunkIds().ToHashSet() : [];
        var removed = indexed.Where(id => !stored.Contains(id)).ToList();
        index.Remove(removed);
        var added = stored.Where(id => !indexed.Contains(id)).ToList();
        // With Search:Provider Qdrant the entries are mirrored into their own collection, which then answers searches.
        // Every process mirrors what it newly sees (idempotent upserts), so an entry embedded by a process that stopped
        // before mirroring still arrives; points of entries erased while no process ran stay, unread (search reads rows).
        if (_qdrant is not null && removed.Count > 0) await _qdrant.DeleteDocumentsAsync(removed, ct);
        foreach (var ids in added.Chunk(2000))
        {
            var rows = await db.ReplyMemories.Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.Vector, m.Subject, m.CustomerText }).ToListAsync(ct);
            var vectorsOf = rows.Select(r => (r.Id, 0, MemoryMarshal.Cast<byte, float>(r.Vector!).ToArray())).ToList();
            if (_qdrant is not null && vectorsOf.Count > 0)
            {
                await _qdrant.EnsureCollectionAsync(vectorsOf[0].Item3.Length, ct);
                await _qdrant.UpsertAsync(rows.Zip(vectorsOf, (r, v) => new Retrieval.Qdrant.QdrantPoint(r.Id, r.Id, [], v.Item3,
                    Retrieval.Qdrant.SparseEncoder.Document(r.Subject + "\n" + r.CustomerText))).ToList(), ct);
            }
            index.Upsert(model, vectorsOf);
        }
        return (added.Count, removed.Count);
    }

    [LoggerMessage(LogLevel.Error, "Reply memory indexing failed; retrying shortly")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
