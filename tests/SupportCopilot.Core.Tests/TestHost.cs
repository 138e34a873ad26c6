using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Core.Tests;

/// <summary>The Core services over a real, migrated SQLite file in a temp folder that is deleted afterwards.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    public string DataDirectory { get; }

    private TestHost(ServiceProvider services, string dataDirectory)
    {
        _services = services;
        DataDirectory = dataDirectory;
    }

    public static async Task<TestHost> StartAsync(Action<IServiceCollection>? configure = null, Dictionary<string, string?>? settings = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "sc-core-" + Guid.NewGuid().ToString("N"));
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dir,
            // Pooling off so the file can be deleted when the test ends.
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(dir, "test.db")};Pooling=False",
        };
        foreach (var (k, v) in settings ?? []) values[k] = v;
        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(config);
        services.AddSupportCopilotData(config, dir).AddKnowledge(config, background: false).AddRetrieval(config, syncVectors: false).AddTickets().AddReplyMemory(config, index: false).AddTriage(config, background: false).AddDrafting(config, background: false)
            .AddApproval(config, sendInBackground: false).AddDashboard(config).AddApiKeys();
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.MigrateDatabaseAsync();
        return new TestHost(provider, dir);
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();
    public T? Find<T>() where T : class => _services.GetService<T>();

    /// <summary>Uploads and processes a document the way a worker would; returns the stored document.</summary>
    public async Task<SupportCopilot.Core.Knowledge.KnowledgeDocument> IngestAsync(string fileName, byte[] bytes)
    {
        var upload = await Get<SupportCopilot.Core.Knowledge.KnowledgeUploads>().UploadAsync(fileName, bytes);
        Assert.True(upload.DocumentId is not null, upload.Error);
        await Get<SupportCopilot.Core.Knowledge.IngestionWorker>().DrainAsync();
        await using var db = Db();
        return await db.Documents.Include(d => d.Chunks).SingleAsync(d => d.Id == upload.DocumentId);
    }

    public AppDbContext Db() => Get<IDbContextFactory<AppDbContext>>().CreateDbContext();

    /// <summary>Creates a user with the given roles and returns its id.</summary>
    public async Task<string> CreateUserAsync(string email, params string[] roles)
    {
        await using var scope = _services.CreateAsyncScope();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var r in roles.Where(r => !roleManager.RoleExistsAsync(r).GetAwaiter().GetResult()))
            await roleManager.CreateAsync(new IdentityRole(r));
        var user = new AppUser { UserName = email, Email = email, DisplayName = email.Split('@')[0] };
        var created = await users.CreateAsync(user);
        Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
        foreach (var r in roles) await users.AddToRoleAsync(user, r);
        return user.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { /* best effort on a temp folder */ }
    }
}
