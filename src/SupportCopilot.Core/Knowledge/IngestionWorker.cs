using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SupportCopilot.Core.Knowledge;

/// <summary>
/// Claims and runs ingestion jobs one at a time. Runs in the web app by default and in every SupportCopilot.Worker;
/// any number of them can share one database.
/// </summary>
public sealed partial class IngestionWorker(IngestionJobs jobs, IngestionProcessor processor, EmbeddingIndexer embeddings,
    ILogger<IngestionWorker> log) : BackgroundService
{
    /// <summary>Identifies this process in job leases (visible to admins when a job is stuck).</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try { await embeddings.EnqueueStaleAsync(stoppingToken); }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { LogFailed(log, ex); }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOneAsync(stoppingToken)) continue;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(log, ex);
            }
            try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Runs due jobs until none is left (seeding, tests, benchmarks).</summary>
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        var count = 0;
        while (await RunOneAsync(ct)) count++;
        return count;
    }

    private async Task<bool> RunOneAsync(CancellationToken ct)
    {
        var job = await jobs.ClaimNextAsync(Owner, ct);
        if (job is null) return false;
        await processor.ProcessAsync(job, Owner, ct);
        return true;
    }

    [LoggerMessage(LogLevel.Error, "Ingestion pass failed; retrying shortly")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
