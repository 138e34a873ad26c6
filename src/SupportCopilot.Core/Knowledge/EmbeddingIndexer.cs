using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Knowledge;

/// <summary>Embeds a document's chunks in batches and stores each vector with its model and dimension.</summary>
public sealed class EmbeddingIndexer(IDbContextFactory<AppDbContext> dbFactory, IServiceProvider services, IngestionJobs jobs,
    IOptions<EmbeddingModelOptions> model, IOptions<IngestionOptions> ingestion, TimeProvider clock)
{
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
    private readonly IExternalVectorStore? _external = services.GetService<IExternalVectorStore>();

    public bool Enabled => _generator is not null;
    public string? ModelName => Enabled ? model.Value.EffectiveModel : null;

    public async Task EmbedAsync(IngestionJob job, string owner, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == job.DocumentId, ct);
        if (_generator is null || doc is null || doc.Version != job.DocumentVersion || doc.Status != DocumentStatus.Ready)
        {
            await jobs.CompleteAsync(db, job, owner, "nothing to embed", ct);
            return;
        }
        var chunks = await db.Chunks.AsNoTracking().Where(c => c.DocumentId == doc.Id).OrderBy(c => c.Ordinal)
            .Select(c => new { c.Id, Input = c.HeadingPath + "\n" + c.Text }).ToListAsync(ct);
        var rows = new List<ChunkEmbedding>(chunks.Count);
        foreach (var batch in chunks.Chunk(ingestion.Value.EmbeddingBatchSize))
        {
            var prefix = EmbeddingPrompts.Document(model.Value);
            var vectors = await _generator.GenerateAsync(batch.Select(c => prefix + c.Input), cancellationToken: ct);
            if (vectors.Count != batch.Length)
                throw new InvalidOperationException($"The embedding model returned {vectors.Count} vectors for {batch.Length} inputs.");
            rows.AddRange(batch.Zip(vectors, (c, v) => new ChunkEmbedding
            {
                ChunkId = c.Id, Model = ModelName!, Dimensions = v.Vector.Length, Vector = MemoryMarshal.AsBytes(v.Vector.Span).ToArray(),
            }));
        }
        if (rows.Select(r => r.Dimensions).Distinct().Count() > 1)
            throw new InvalidOperationException("The embedding model returned vectors of different lengths.");
        if (_external is not null)
        {
            var texts = chunks.ToDictionary(c => c.Id, c => c.Input);
            var tags = (doc.Tags ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            await _external.ReplaceDocumentAsync(doc.Id, tags,
                rows.Select(r => new IndexedChunk(r.ChunkId, texts[r.ChunkId], MemoryMarshal.Cast<byte, float>(r.Vector).ToArray())).ToList(), ct);
        }

        await using var tx = await db.BeginWriteAsync(ct);
        if (!await jobs.CompleteAsync(db, job, owner, null, ct)) return;
        var ids = chunks.Select(c => c.Id).ToList();
        // The chunks may have been replaced while we embedded; then this job's vectors are moot.
        if (await db.Chunks.CountAsync(c => c.DocumentId == doc.Id && ids.Contains(c.Id), ct) != ids.Count)
        {
            await tx.CommitAsync(ct);
            return;
        }
        await db.ChunkEmbeddings.Where(e => ids.Contains(e.ChunkId)).ExecuteDeleteAsync(ct);
        db.ChunkEmbeddings.AddRange(rows);
        await db.SaveChangesAsync(ct);
        await db.Documents.Where(d => d.Id == doc.Id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.EmbeddingModel, ModelName).SetProperty(d => d.EmbeddingError, (string?)null), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Queues an embed job for every ready document not embedded with the configured model (a model change re-embeds).</summary>
    public async Task<int> EnqueueStaleAsync(CancellationToken ct)
    {
        if (!Enabled) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stale = await db.Documents
            .Where(d => d.Status == DocumentStatus.Ready && (d.EmbeddingModel == null || d.EmbeddingModel != ModelName) && d.EmbeddingError == null
                && !db.IngestionJobs.Any(j => j.DocumentId == d.Id && j.Kind == IngestionJobKind.Embed && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running)))
            .Select(d => new { d.Id, d.Version }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.IngestionJobs.AddRange(stale.Select(d => KnowledgeUploads.NewJob(d.Id, d.Version, IngestionJobKind.Embed, now)));
        await db.SaveChangesAsync(ct);
        return stale.Count;
    }
}
