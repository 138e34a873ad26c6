using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SupportCopilot.Core.Data;

/// <summary>
/// Keeps SQLite's planner statistics current, as SQLite advises for long-running processes: <c>PRAGMA optimize</c>
/// (checking every table, 0x10002) a minute after start and then every six hours; it analyses the tables never analysed
/// or grown or shrunk a lot since. Statistics taken on a small database and never refreshed mislead the planner once
/// it holds a million tickets; missing ones for a single index made it sort 100k rows for the default view (issue 20).
/// </summary>
public sealed partial class SqliteStatistics(IDbContextFactory<AppDbContext> dbFactory, ILogger<SqliteStatistics> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try { await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken); } catch (OperationCanceledException) { return; }
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await OptimizeAsync(stoppingToken); }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { LogFailed(log, ex); }
            try { await Task.Delay(TimeSpan.FromHours(6), stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    public async Task OptimizeAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
    }

    [LoggerMessage(LogLevel.Warning, "Refreshing the database statistics failed; the next try is in six hours")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
