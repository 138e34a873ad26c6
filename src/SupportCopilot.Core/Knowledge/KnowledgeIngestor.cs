using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Knowledge;

/// <summary>
/// Extracts, chunks and stores a document in one transaction; the FTS5 triggers index the chunks in the same
/// transaction, so search never sees half a document. Idempotent by content hash.
/// (The ingestion issue turns this into a leased job pipeline with original bytes kept.)
/// </summary>
public sealed partial class KnowledgeIngestor(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<KnowledgeIngestor> log)
{
    public async Task<KnowledgeDocument> IngestAsync(string fileName, byte[] bytes, CancellationToken ct = default)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Documents.FirstOrDefaultAsync(d => d.ContentHash == hash, ct);
        if (existing is not null) return existing;

        var now = clock.GetUtcNow().UtcDateTime;
        var doc = new KnowledgeDocument
        {
            FileName = Path.GetFileName(fileName), ContentType = "application/octet-stream", ContentHash = hash,
            SizeBytes = bytes.Length, CreatedAt = now, UpdatedAt = now,
        };
        try
        {
            var extracted = TextExtractor.Extract(fileName, bytes);
            doc.ContentType = extracted.ContentType;
            doc.PageCount = extracted.PageCount;
            doc.Status = DocumentStatus.Ready;
            var ordinal = 0;
            foreach (var c in Chunker.Split(extracted.Sections))
            {
                doc.Chunks.Add(new KnowledgeChunk { Ordinal = ordinal++, HeadingPath = c.HeadingPath, PageStart = c.Page, PageEnd = c.Page, Text = c.Text });
            }
        }
        catch (DocumentRejectedException ex)
        {
            doc.Status = DocumentStatus.Failed;
            doc.FailureReason = ex.Message;
            LogRejected(log, doc.FileName, ex.Message);
        }
        db.Documents.Add(doc);
        await db.SaveChangesAsync(ct);
        return doc;
    }

    [LoggerMessage(LogLevel.Warning, "Document {FileName} was rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string fileName, string reason);
}
