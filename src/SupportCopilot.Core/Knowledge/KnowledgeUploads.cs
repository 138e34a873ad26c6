using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Knowledge;

public enum UploadOutcome { Queued, Replaced, Duplicate, Refused }

public sealed record UploadResult(UploadOutcome Outcome, int? DocumentId, DocumentStatus? Status, string? Error)
{
    public static UploadResult Refuse(string error) => new(UploadOutcome.Refused, null, null, error);
}

/// <summary>
/// The write side of Knowledge: upload, retry, re-index, delete. Every command stores its document change and the
/// job that will process it in one transaction, so no upload is ever stored without its work, or the reverse.
/// </summary>
public sealed partial class KnowledgeUploads(IDbContextFactory<AppDbContext> dbFactory, IOptions<IngestionOptions> options, TimeProvider clock,
    IServiceProvider services, ILogger<KnowledgeUploads> log)
{
    private readonly IExternalVectorStore? _external = services.GetService<IExternalVectorStore>();

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary>The name a file is stored under, and whether a document of that name exists (an upload would replace it).</summary>
    public async Task<(string StoredName, bool Exists)> WouldReplaceAsync(string? fileName, CancellationToken ct = default)
    {
        var name = FileNames.Sanitize(fileName);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (name, await db.Documents.AnyAsync(d => d.FileName == name, ct));
    }

    public async Task<UploadResult> UploadAsync(string? fileName, byte[] bytes, string? tags = null, CancellationToken ct = default)
    {
        if (bytes.LongLength > MaxUploadBytes) return UploadResult.Refuse(TooLarge());
        var name = FileNames.Sanitize(fileName);
        if (TextExtractor.Unsupported(name, bytes) is { } reason) return UploadResult.Refuse(reason);
        if (tags is { Length: > 500 }) return UploadResult.Refuse("Tags must be at most 500 characters.");

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var same = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.ContentHash == hash, ct);
        if (same is not null) return new(UploadOutcome.Duplicate, same.Id, same.Status, null); // same bytes: no new work

        await using var tx = await db.BeginWriteAsync(ct);
        var doc = await db.Documents.FirstOrDefaultAsync(d => d.FileName == name, ct);
        var replaced = doc is not null;
        if (doc is null)
        {
            doc = new KnowledgeDocument { FileName = name, ContentType = "pending", ContentHash = hash, CreatedAt = now };
            db.Documents.Add(doc);
        }
        else
        {
            // A changed file under the same name: the old chunks stay searchable until the new ones replace them.
            doc.ContentHash = hash;
            doc.Version++;
        }
        doc.SizeBytes = bytes.LongLength;
        doc.Tags = NormalizeTags(tags) ?? doc.Tags;
        doc.Status = DocumentStatus.Pending;
        doc.FailureReason = null;
        doc.UpdatedAt = now;
        await db.SaveChangesAsync(ct); // assigns the id of a new document
        var content = await db.DocumentContents.FirstOrDefaultAsync(c => c.DocumentId == doc.Id, ct);
        if (content is null) db.DocumentContents.Add(new DocumentContent { DocumentId = doc.Id, Bytes = bytes });
        else content.Bytes = bytes;
        db.IngestionJobs.Add(NewJob(doc, IngestionJobKind.Ingest, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(replaced ? UploadOutcome.Replaced : UploadOutcome.Queued, doc.Id, doc.Status, null);
    }

    /// <summary>Processes the stored bytes again (after a failure, or to re-chunk with new settings).</summary>
    public async Task<bool> ReprocessAsync(int documentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var doc = await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (doc is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        doc.Version++;
        doc.Status = DocumentStatus.Pending;
        doc.FailureReason = null;
        doc.UpdatedAt = now;
        db.IngestionJobs.Add(NewJob(doc, IngestionJobKind.Ingest, now));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Removes the document, its bytes, chunks, embeddings and jobs (the FTS triggers drop it from the lexical index),
    /// then its points from an external index. If that index is unreachable the points stay behind, but search joins
    /// with the database, so they are never shown; the next re-ingest of the same document replaces them.
    /// </summary>
    public async Task<bool> DeleteAsync(int documentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.Documents.Where(d => d.Id == documentId).ExecuteDeleteAsync(ct) == 1;
        if (deleted && _external is not null)
        {
            try { await _external.DeleteDocumentAsync(documentId, ct); }
            catch (Exception ex) when (ex is not OperationCanceledException) { LogExternalDeleteFailed(log, documentId, ex); }
        }
        return deleted;
    }

    [LoggerMessage(LogLevel.Warning, "Document {DocumentId} was deleted but its points could not be removed from the external index")]
    private static partial void LogExternalDeleteFailed(ILogger logger, int documentId, Exception ex);

    internal static IngestionJob NewJob(KnowledgeDocument doc, IngestionJobKind kind, DateTime now) => NewJob(doc.Id, doc.Version, kind, now);

    internal static IngestionJob NewJob(int documentId, int version, IngestionJobKind kind, DateTime now) => new()
    {
        DocumentId = documentId, DocumentVersion = version, Kind = kind, Status = JobStatus.Queued, NextAttemptAt = now, CreatedAt = now,
    };

    private string TooLarge() => $"The file is larger than the {MaxUploadBytes / (1024.0 * 1024):0.#} MB upload limit.";

    private static string? NormalizeTags(string? tags) =>
        string.IsNullOrWhiteSpace(tags) ? null
            : string.Join(' ', tags.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant()).Distinct());
}
