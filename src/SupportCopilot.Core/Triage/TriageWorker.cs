using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Triage;

/// <summary>Triages (and routes) every ticket that has no triage or no queue yet. The database is the queue, so intake never waits for it.
/// When idle, it embeds labelled tickets that came without an embedding, so a training need not.</summary>
public sealed partial class TriageWorker(IDbContextFactory<AppDbContext> dbFactory, TriageService triage, TriageCorrections corrections, TriageModels models,
    ILogger<TriageWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var triaged = 0;
            try
            {
                // Corrections are labels: once enough have arrived, the next models learn from them.
                if (await corrections.RetrainDueAsync(stoppingToken)) await models.TrainAsync(stoppingToken);
                triaged = await TriagePendingAsync(stoppingToken);
                // With no ticket waiting, embed imported labelled tickets a few at a time (new tickets wait ≤ ~1 s).
                if (triaged == 0 && await models.EmbedLabelledAsync(EmbedBatch, stoppingToken) == EmbedBatch) continue;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { LogFailed(log, ex); }
            if (triaged == BatchSize) continue; // straight on after a full batch: more are waiting
            try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    private const int BatchSize = 50;
    private const int EmbedBatch = 32;

    public async Task<int> TriagePendingAsync(CancellationToken ct)
    {
        List<int> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            pending = await db.Tickets.Where(t => t.Triage == null || t.Queue == null).OrderBy(t => t.Id).Select(t => t.Id).Take(BatchSize).ToListAsync(ct);
        foreach (var id in pending) await triage.TriageTicketAsync(id, ct);
        return pending.Count;
    }

    [LoggerMessage(LogLevel.Error, "Triage pass failed; retrying shortly")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
