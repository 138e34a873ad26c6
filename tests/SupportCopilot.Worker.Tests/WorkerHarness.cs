using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Worker.Tests;

/// <summary>A shared SQLite database in a temp folder, the Core services on it, and real SupportCopilot.Worker processes.</summary>
public sealed class WorkerHarness : IAsyncDisposable
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "sc-worker-" + Guid.NewGuid().ToString("N"));
    public ServiceProvider Services { get; }
    private readonly List<Process> _processes = [];

    private WorkerHarness()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = DataDirectory }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSupportCopilotData(config, DataDirectory).AddKnowledge(config, background: false).AddRetrieval(config, syncVectors: false).AddTickets().AddReplyMemory(config, index: false).AddTriage(config, background: false).AddDrafting(config, false).AddApproval(config, false);
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>();
        Services = services.BuildServiceProvider();
    }

    public static async Task<WorkerHarness> StartAsync()
    {
        var harness = new WorkerHarness();
        await harness.Services.MigrateDatabaseAsync();
        return harness;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public AppDbContext Db() => Get<IDbContextFactory<AppDbContext>>().CreateDbContext();

    /// <summary>Starts the built worker as its own process on this database.</summary>
    public Process StartWorker(params (string Key, string Value)[] settings) => Start("worker-path.txt", settings);

    /// <summary>Starts the built web app as its own process on this database (Development, no samples, no background work).</summary>
    public Process StartWeb(int port, params (string Key, string Value)[] settings) => Start("web-path.txt",
    [
        ("ASPNETCORE_ENVIRONMENT", "Development"), ("DOTNET_ENVIRONMENT", "Development"), ("ASPNETCORE_URLS", $"http://127.0.0.1:{port}"), ("Samples__Seed", "false"),
        ("Workers__Ingestion", "false"), ("Workers__Triage", "false"), ("Workers__Drafting", "false"), ("Workers__Outbox", "false"), .. settings,
    ]);

    private Process Start(string pathFile, (string Key, string Value)[] settings)
    {
        var dll = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, pathFile)).Trim();
        var psi = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        psi.Environment["Storage__DataDirectory"] = DataDirectory;
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // These tests are about leases and processes, not vectors: the in-process embedding model would spend minutes
        // of CI's two cores embedding thousands of test chunks (a test may still set a provider).
        psi.Environment["Models__Embedding__0__Provider"] = "None";
        foreach (var (k, v) in settings) psi.Environment[k] = v;
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { }; // drain the pipes so a chatty worker never blocks
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    /// <summary>Polls the database until the condition holds or the time is up; returns whether it held.</summary>
    public async Task<bool> WaitUntilAsync(Func<AppDbContext, Task<bool>> condition, TimeSpan timeout, int pollMs = 50)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            await using var db = Db();
            if (await condition(db)) return true;
            await Task.Delay(pollMs);
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _processes.Where(p => !p.HasExited)) p.Kill(entireProcessTree: true);
        foreach (var p in _processes) await p.WaitForExitAsync();
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { /* temp folder, best effort */ }
    }
}
