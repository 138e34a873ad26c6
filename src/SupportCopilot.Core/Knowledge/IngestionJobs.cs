using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Knowledge;

/// <summary>Leasing of ingestion jobs. The conditional UPDATE is the lock: of two workers, exactly one changes the row.</summary>
public sealed class IngestionJobs(IDbContextFactory<AppDbContext> dbFactory, IOptions<IngestionOptions> options, TimeProvider clock)
{
    private TimeSpan Lease => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    public async Task<IngestionJob?> ClaimNextAsync(string owner, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.IngestionJobs
            .Where(j => (j.Status == JobStatus.Queued && j.NextAttemptAt <= now) || (j.Status == JobStatus.Running && j.LeaseUntil < now))
            .OrderBy(j => j.NextAttemptAt).ThenBy(j => j.Id).Select(j => j.Id).Take(10).ToListAsync(ct);
        foreach (var id in candidates)
        {
            var claimed = await db.IngestionJobs
                .Where(j => j.Id == id && ((j.Status == JobStatus.Queued && j.NextAttemptAt <= now) || (j.Status == JobStatus.Running && j.LeaseUntil < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Running)
                    .SetProperty(j => j.LeaseOwner, owner)
                    .SetProperty(j => j.LeaseUntil, now + Lease)
                    .SetProperty(j => j.HeartbeatAt, now)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1), ct);
            if (claimed == 1) return await db.IngestionJobs.AsNoTracking().FirstAsync(j => j.Id == id, ct);
        }
        return null;
    }

    /// <summary>Extends the lease; false when another worker has taken the job over (this one must stop).</summary>
    public async Task<bool> HeartbeatAsync(int jobId, string owner, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.IngestionJobs.Where(j => j.Id == jobId && j.LeaseOwner == owner && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, now + Lease).SetProperty(j => j.HeartbeatAt, now), ct) == 1;
    }

    /// <summary>True when there is work a worker could claim now.</summary>
    public async Task<bool> AnyDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.IngestionJobs.AnyAsync(j => (j.Status == JobStatus.Queued && j.NextAttemptAt <= now) || (j.Status == JobStatus.Running && j.LeaseUntil < now), ct);
    }

    /// <summary>Marks the job done if this worker still holds it; false when the lease was lost (then write nothing).</summary>
    public async Task<bool> CompleteAsync(AppDbContext db, IngestionJob job, string owner, string? note, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.IngestionJobs.Where(j => j.Id == job.Id && j.LeaseOwner == owner && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Succeeded).SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.LeaseUntil, (DateTime?)null).SetProperty(j => j.LastError, note), ct) == 1;
    }
}
