using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Knowledge;

/// <summary>
/// Runs one leased job. Every write that finishes a job first re-checks the lease in the same transaction, so a
/// worker that lost its lease (paused, or presumed dead) can never write over the one that took the job over.
/// Chunks are replaced in one transaction: search sees the old document or the new one, never half.
/// </summary>
public sealed partial class IngestionProcessor(IDbContextFactory<AppDbContext> dbFactory, IngestionJobs jobs, EmbeddingIndexer embeddings,
    IOptions<IngestionOptions> options, TimeProvider clock, ILogger<IngestionProcessor> log)
{
    public async Task ProcessAsync(IngestionJob job, string owner, CancellationToken ct)
    {
        using var span = Platform.Telemetry.Source.StartActivity("ingestion.job");
        span?.SetTag("job.id", job.Id).SetTag("job.kind", job.Kind.ToString()).SetTag("document.id", job.DocumentId);
        Platform.Telemetry.IngestionJobs.Add(1, new KeyValuePair<string, object?>("kind", job.Kind.ToString()));
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = HeartbeatAsync(job.Id, owner, leaseLost);
        try
        {
            if (job.Kind == IngestionJobKind.Ingest) await IngestAsync(job, owner, leaseLost.Token);
            else await embeddings.EmbedAsync(job, owner, leaseLost.Token);
        }
        catch (DocumentRejectedException ex)
        {
            await FailAsync(job, owner, ex.Message, permanent: true);
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested)
        {
            // Shutting down, or another worker owns the job now: the lease decides who finishes it.
        }
        catch (Exception ex)
        {
            LogTransient(log, job.Id, job.DocumentId, ex);
            await FailAsync(job, owner, $"{ex.GetType().Name}: {ex.Message}", permanent: false);
        }
        finally
        {
            await leaseLost.CancelAsync();
            await heartbeat;
        }
    }

    private async Task IngestAsync(IngestionJob job, string owner, CancellationToken ct)
    {
        KnowledgeDocument? doc;
        byte[] bytes;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            doc = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == job.DocumentId, ct);
            if (doc is null || doc.Version != job.DocumentVersion)
            {
                await jobs.CompleteAsync(db, job, owner, "superseded by a newer version", ct);
                return;
            }
            await db.Documents.Where(d => d.Id == doc.Id && d.Version == job.DocumentVersion)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DocumentStatus.Processing), ct);
            bytes = await db.DocumentContents.Where(c => c.DocumentId == doc.Id).Select(c => c.Bytes).FirstAsync(ct);
        }

        var limit = TimeSpan.FromSeconds(options.Value.DocumentTimeoutSeconds);
        var tooSlow = new DocumentRejectedException($"Reading the file took longer than {limit.TotalSeconds:0.###} s; it may be damaged or too complex.");
        var started = clock.GetTimestamp();
        ExtractedDocument extracted;
        // The worker stops waiting at the limit, and the extraction stops at its next page or block (a thread cannot be
        // aborted; nesting and size are bounded before parsing, so no single step runs long).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(limit);
        try
        {
            extracted = await Task.Run(() => TextExtractor.Extract(doc.FileName, bytes, stop.Token), ct).WaitAsync(limit, ct);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !ct.IsCancellationRequested)
                                  || (e is DocumentRejectedException && clock.GetElapsedTime(started) > limit))
        {
            // Past the limit, the limit is the reason, whatever the extraction concluded (a loaded machine fires the
            // timer late; a refusal found after the limit would otherwise hide that the file was too slow to read).
            throw tooSlow;
        }
        // On a busy machine the timer can fire after the work completed; the limit holds all the same.
        if (clock.GetElapsedTime(started) > limit) throw tooSlow;
        var drafts = Chunker.Split(extracted.Sections, options.Value.Chunking);
        if (drafts.Count == 0) throw new DocumentRejectedException("The file contains no text.");

        await using var write = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await write.BeginWriteAsync(ct);
        if (!await jobs.CompleteAsync(write, job, owner, null, ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var current = await write.Documents.Where(d => d.Id == doc.Id && d.Version == job.DocumentVersion)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DocumentStatus.Ready)
                .SetProperty(d => d.ContentType, extracted.ContentType)
                .SetProperty(d => d.PageCount, extracted.PageCount)
                .SetProperty(d => d.FailureReason, (string?)null)
                .SetProperty(d => d.EmbeddingModel, (string?)null)
                .SetProperty(d => d.Language, DocumentLanguage(extracted))
                .SetProperty(d => d.UpdatedAt, now), ct);
        if (current == 0)
        {
            await tx.CommitAsync(ct); // a newer upload arrived meanwhile: its own job writes the chunks
            return;
        }
        await write.Chunks.Where(c => c.DocumentId == doc.Id).ExecuteDeleteAsync(ct);
        write.Chunks.AddRange(drafts.Select((c, i) => new KnowledgeChunk
        {
            DocumentId = doc.Id, Ordinal = i, HeadingPath = Truncate(c.HeadingPath, 1000), PageStart = c.Page, PageEnd = c.Page,
            CharStart = c.CharStart, CharEnd = c.CharEnd, TokenCount = c.Tokens, Text = c.Text,
        }));
        if (embeddings.Enabled) write.IngestionJobs.Add(KnowledgeUploads.NewJob(doc.Id, job.DocumentVersion, IngestionJobKind.Embed, now));
        await write.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        LogIngested(log, doc.Id, drafts.Count, extracted.PageCount ?? 0);
    }

    private static string? DocumentLanguage(ExtractedDocument extracted) => DocumentLanguage(extracted.Sections.Select(s => s.Text));

    /// <summary>The language of a document's text (its first ~4,000 characters), or null when the detector is unsure.</summary>
    internal static string? DocumentLanguage(IEnumerable<string> texts)
    {
        // Only the opening ~4,000 characters: a 2,000-page manual is not joined whole to read its language.
        var sample = new System.Text.StringBuilder();
        foreach (var t in texts.TakeWhile(_ => sample.Length < 4000)) sample.Append(t).Append('\n');
        var (language, confidence) = Triage.LanguageDetector.Detect(sample.ToString(0, Math.Min(sample.Length, 4000)));
        return confidence >= 0.5 && language.Length == 2 ? language : null;
    }

    private async Task FailAsync(IngestionJob job, string owner, string reason, bool permanent)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var tx = await db.BeginWriteAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var final = permanent || job.Attempts >= options.Value.MaxAttempts;
        // Retries back off 5 s, 10 s, 20 s...; the failure reason is kept on the job for the admin to see.
        var retryAt = now + TimeSpan.FromSeconds(5 * Math.Pow(2, job.Attempts - 1));
        var updated = await db.IngestionJobs.Where(j => j.Id == job.Id && j.LeaseOwner == owner && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, final ? JobStatus.Failed : JobStatus.Queued)
                .SetProperty(j => j.LastError, Truncate(reason, 2000)).SetProperty(j => j.LeaseUntil, (DateTime?)null)
                .SetProperty(j => j.NextAttemptAt, retryAt).SetProperty(j => j.FinishedAt, final ? now : null), CancellationToken.None);
        if (updated == 0) return;
        var docs = db.Documents.Where(d => d.Id == job.DocumentId && d.Version == job.DocumentVersion);
        var shown = final && !permanent ? $"Failed after {job.Attempts} attempts: {reason}" : reason;
        if (job.Kind == IngestionJobKind.Embed)
        {
            if (final) await docs.ExecuteUpdateAsync(s => s.SetProperty(d => d.EmbeddingError, Truncate(shown, 2000)));
        }
        else if (final)
        {
            // The stored chunks belong to content that no longer stands: remove them with the failure.
            await db.Chunks.Where(c => c.DocumentId == job.DocumentId && docs.Any()).ExecuteDeleteAsync();
            await docs.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DocumentStatus.Failed)
                .SetProperty(d => d.FailureReason, Truncate(shown, 2000)).SetProperty(d => d.UpdatedAt, now));
        }
        else
        {
            await docs.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DocumentStatus.Pending));
        }
        await tx.CommitAsync();
    }

    private async Task HeartbeatAsync(int jobId, string owner, CancellationTokenSource leaseLost)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1, options.Value.LeaseSeconds / 3.0));
        try
        {
            while (!leaseLost.IsCancellationRequested)
            {
                await Task.Delay(every, clock, leaseLost.Token);
                if (!await jobs.HeartbeatAsync(jobId, owner, leaseLost.Token)) await leaseLost.CancelAsync();
            }
        }
        catch (OperationCanceledException) { /* the job finished or the lease is gone */ }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    [LoggerMessage(LogLevel.Information, "Document {DocumentId} ingested: {Chunks} chunks, {Pages} pages")]
    private static partial void LogIngested(ILogger logger, int documentId, int chunks, int pages);

    [LoggerMessage(LogLevel.Warning, "Job {JobId} for document {DocumentId} failed; it will be retried if attempts remain")]
    private static partial void LogTransient(ILogger logger, int jobId, int documentId, Exception ex);
}
