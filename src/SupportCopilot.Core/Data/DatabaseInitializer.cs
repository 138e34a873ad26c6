using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SupportCopilot.Core.Data;

public static class DatabaseInitializer
{
    /// <summary>Applies pending migrations (when enabled) before the host serves anything.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!options.MigrateOnStart) return;
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (db.Database.GetDbConnection() is SqliteConnection)
        {
            // WAL lets the web app read while a worker process writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
