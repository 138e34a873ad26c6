using System.IO.Compression;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;
using Microsoft.EntityFrameworkCore;

namespace SupportCopilot.Eval;

/// <summary>The production Core services on a throw-away SQLite database; settings from environment variables over the product's defaults.</summary>
internal sealed class EvalHost : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sc-eval-" + Guid.NewGuid().ToString("N"));
    public ServiceProvider Services { get; }

    /// <param name="lexical">No embeddings (BM25 only); otherwise the product's default, the in-process model, unless
    /// Models__Embedding__0__* in the environment names another.</param>
    public EvalHost(bool lexical = false)
    {
        var defaults = new Dictionary<string, string?> { ["Models:Embedding:0:Provider"] = "Local" };
        var overrides = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _dir,
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_dir, "eval.db")};Pooling=False",
        };
        if (lexical) (overrides["Models:Embedding:0:Provider"], overrides["Models:Embedding:0:Model"]) = ("Ollama", "");
        var config = new ConfigurationBuilder().AddInMemoryCollection(defaults).AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSupportCopilotData(config, _dir).AddKnowledge(config, background: false).AddRetrieval(config, syncVectors: false)
            .AddTickets().AddReplyMemory(config, index: false).AddTriage(config, background: false).AddDrafting(config, background: false);
        Services = services.BuildServiceProvider();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Ingests every file of a folder or zip (names as in the folder or archive) and builds the vector index.
    /// Counts honestly: files offered, documents indexed, byte-identical duplicates and refusals (upload or extraction).</summary>
    public async Task<IngestCounts> IngestAsync(string docs)
    {
        await Services.MigrateDatabaseAsync();
        var uploads = Get<KnowledgeUploads>();
        var (files, duplicates, refused) = (0, 0, 0);
        foreach (var (name, bytes) in Files(docs))
        {
            files++;
            var r = await uploads.UploadAsync(name, bytes);
            if (r.Outcome == UploadOutcome.Refused) { refused++; Console.Error.WriteLine($"refused {name}: {r.Error}"); }
            else if (r.Outcome == UploadOutcome.Duplicate) duplicates++;
        }
        await Get<IngestionWorker>().DrainAsync();
        await Get<VectorIndexSync>().SyncAsync();
        await using var db = await Get<Microsoft.EntityFrameworkCore.IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var failed = await db.Documents.Where(d => d.Status == DocumentStatus.Failed).Select(d => new { d.FileName, Error = d.FailureReason }).ToListAsync();
        foreach (var f in failed) Console.Error.WriteLine($"failed {f.FileName}: {f.Error}");
        var indexed = await db.Documents.CountAsync(d => d.Status == DocumentStatus.Ready);
        return new IngestCounts(files, indexed, duplicates, refused + failed.Count);
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Files(string path)
    {
        if (Directory.Exists(path))
        {
            foreach (var f in Directory.EnumerateFiles(path).Order()) yield return (Path.GetFileName(f), File.ReadAllBytes(f));
            yield break;
        }
        using var zip = ZipFile.OpenRead(path);
        foreach (var e in zip.Entries.Where(e => e.Length > 0))
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            yield return (e.Name, ms.ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { /* temp folder */ }
    }
}

/// <summary>What ingestion did with a set: files offered, documents ready, duplicates skipped, refused or failed.</summary>
internal sealed record IngestCounts(int Files, int Indexed, int Duplicates, int Refused);
