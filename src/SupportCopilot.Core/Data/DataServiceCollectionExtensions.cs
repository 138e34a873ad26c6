using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Contexts kept for reuse: more than run at once on a few cores; beyond them a context is built and dropped
    /// as without a pool.</summary>
    private const int PoolSize = 8;

    /// <summary>Registers the database for the configured provider, the data folder and the matching lexical index.</summary>
    public static IServiceCollection AddSupportCopilotData(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        services.AddOptions<StorageOptions>().Bind(config.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseOptions>().Bind(config.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.Provider != DatabaseProviders.SqlServer || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is SqlServer.")
            .ValidateOnStart();

        var storage = config.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var dataDir = Path.GetFullPath(Path.Combine(contentRoot, storage.DataDirectory));
        Directory.CreateDirectory(dataDir);
        services.AddSingleton(new StoragePaths(dataDir));

        var db = config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (db.Provider == DatabaseProviders.SqlServer)
        {
            services.AddContexts<SqlServerAppDbContext>(o => o.UseSqlServer(db.ConnectionString));
            services.AddSingleton<ILexicalIndex, LikeLexicalIndex>();
        }
        else
        {
            var cs = string.IsNullOrWhiteSpace(db.ConnectionString)
                ? $"Data Source={Path.Combine(dataDir, "supportcopilot.db")}"
                : db.ConnectionString;
            services.AddContexts<SqliteAppDbContext>(o => o.UseSqlite(cs).AddInterceptors(new SqliteLockWaiting()));
            services.AddSingleton<ILexicalIndex, SqliteFtsLexicalIndex>();
            services.AddSingleton<SqliteStatistics>().AddHostedService(sp => sp.GetRequiredService<SqliteStatistics>());
        }
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// The provider's contexts: a pooled factory for everything (one context per operation — a ticket page takes about
    /// fifteen, and building each was a tenth of the server's work when 200 agents opened tickets, bench circuits), and a
    /// scoped context for Identity's stores. That one is built fresh, not leased: it lives as long as a circuit, and a
    /// leased context comes back with the grown change tracker of its earlier operations (20 KB more per circuit).
    /// </summary>
    private static void AddContexts<T>(this IServiceCollection services, Action<DbContextOptionsBuilder> options) where T : AppDbContext
    {
        services.AddPooledDbContextFactory<T>(options, PoolSize);
        services.AddSingleton<IDbContextFactory<AppDbContext>, FactoryAdapter<T>>();
        services.AddScoped<AppDbContext>(sp => ActivatorUtilities.CreateInstance<T>(sp));
    }

    private sealed class FactoryAdapter<T>(IDbContextFactory<T> inner) : IDbContextFactory<AppDbContext> where T : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
