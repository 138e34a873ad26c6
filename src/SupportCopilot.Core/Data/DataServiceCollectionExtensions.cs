using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Contexts kept for reuse: more than run at once on a few cores (EF's default keeps 1,024, each holding its
    /// change tracker and services — memory the circuits benchmark counted against every agent).</summary>
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
            services.AddPooledDbContextFactory<SqlServerAppDbContext>(o => o.UseSqlServer(db.ConnectionString), PoolSize);
            services.AddSingleton<IDbContextFactory<AppDbContext>, FactoryAdapter<SqlServerAppDbContext>>();
            services.AddSingleton<ILexicalIndex, LikeLexicalIndex>();
        }
        else
        {
            var cs = string.IsNullOrWhiteSpace(db.ConnectionString)
                ? $"Data Source={Path.Combine(dataDir, "supportcopilot.db")}"
                : db.ConnectionString;
            services.AddPooledDbContextFactory<SqliteAppDbContext>(o => o.UseSqlite(cs).AddInterceptors(new SqliteLockWaiting()), PoolSize);
            services.AddSingleton<IDbContextFactory<AppDbContext>, FactoryAdapter<SqliteAppDbContext>>();
            services.AddSingleton<ILexicalIndex, SqliteFtsLexicalIndex>();
            services.AddSingleton<SqliteStatistics>().AddHostedService(sp => sp.GetRequiredService<SqliteStatistics>());
        }
        // Pooled: every operation takes a context (a ticket page opens about fifteen), and building one — its services,
        // its DbSets — was a tenth of the server's work when 200 agents opened tickets (bench circuits).
        // Identity's stores want a scoped context; everything else uses the factory, one context per operation.
        // That one is built fresh, not leased: it lives as long as a circuit, and a pooled context comes back with the
        // grown change tracker of its earlier operations (20 KB more per circuit, bench circuits).
        services.AddScoped<AppDbContext>(sp => db.Provider == DatabaseProviders.SqlServer
            ? ActivatorUtilities.CreateInstance<SqlServerAppDbContext>(sp) : ActivatorUtilities.CreateInstance<SqliteAppDbContext>(sp));
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    private sealed class FactoryAdapter<T>(IDbContextFactory<T> inner) : IDbContextFactory<AppDbContext> where T : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
