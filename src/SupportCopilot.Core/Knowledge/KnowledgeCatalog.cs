using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Knowledge;

public sealed record DocumentRow(int Id, string FileName, string ContentType, DocumentStatus Status, int? Pages, int Chunks, long SizeBytes,
    DateTime UpdatedAt, string? FailureReason, string? Tags, int Version, string? EmbeddingModel, string? EmbeddingError, string? LastJobError);

public sealed record ChunkView(int Id, int DocumentId, string FileName, string HeadingPath, int? Page, string Text);

/// <summary>Read side of the Knowledge admin page.</summary>
public sealed class KnowledgeCatalog(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<DocumentRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db, db.Documents.OrderBy(d => d.FileName)).ToListAsync(ct);
    }

    public async Task<DocumentRow?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db, db.Documents.Where(d => d.Id == id)).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<ChunkView>> ChunksAsync(int documentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Chunks.Where(c => c.DocumentId == documentId).OrderBy(c => c.Ordinal)
            .Select(c => new ChunkView(c.Id, c.DocumentId, c.Document!.FileName, c.HeadingPath, c.PageStart, c.Text))
            .ToListAsync(ct);
    }

    /// <summary>One projection for list and detail; the last job error explains a document that is retrying.</summary>
    private static IQueryable<DocumentRow> Rows(AppDbContext db, IQueryable<KnowledgeDocument> docs) => docs.Select(d => new DocumentRow(
        d.Id, d.FileName, d.ContentType, d.Status, d.PageCount, d.Chunks.Count, d.SizeBytes, d.UpdatedAt, d.FailureReason, d.Tags, d.Version,
        d.EmbeddingModel, d.EmbeddingError,
        db.IngestionJobs.Where(j => j.DocumentId == d.Id).OrderByDescending(j => j.Id).Select(j => j.LastError).FirstOrDefault()));

    public async Task<ChunkView?> GetChunkAsync(int chunkId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Chunks.Where(c => c.Id == chunkId)
            .Select(c => new ChunkView(c.Id, c.DocumentId, c.Document!.FileName, c.HeadingPath, c.PageStart, c.Text))
            .FirstOrDefaultAsync(ct);
    }
}
