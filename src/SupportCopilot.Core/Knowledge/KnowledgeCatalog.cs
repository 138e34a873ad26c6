using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Knowledge;

public sealed record DocumentRow(int Id, string FileName, string ContentType, DocumentStatus Status, int? Pages, int Chunks, long SizeBytes, DateTime UpdatedAt, string? FailureReason);

public sealed record ChunkView(int Id, int DocumentId, string FileName, string HeadingPath, int? Page, string Text);

/// <summary>Read side of the Knowledge admin page.</summary>
public sealed class KnowledgeCatalog(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<DocumentRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Documents.OrderBy(d => d.FileName)
            .Select(d => new DocumentRow(d.Id, d.FileName, d.ContentType, d.Status, d.PageCount, d.Chunks.Count, d.SizeBytes, d.UpdatedAt, d.FailureReason))
            .ToListAsync(ct);
    }

    public async Task<ChunkView?> GetChunkAsync(int chunkId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Chunks.Where(c => c.Id == chunkId)
            .Select(c => new ChunkView(c.Id, c.DocumentId, c.Document!.FileName, c.HeadingPath, c.PageStart, c.Text))
            .FirstOrDefaultAsync(ct);
    }
}
