using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Knowledge;

namespace SupportCopilot.Benchmarks;

/// <summary>
/// End-to-end ingestion through the production pipeline (upload → job → extract → chunk → FTS5) on a temp SQLite
/// database, one worker, no embedding model. `--repeat N` ingests N distinct copies of every file (a PDF comment
/// appended after %%EOF changes the bytes, not the content) to test throughput and memory on a large corpus.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var repeat = 1;
        var inputs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--repeat" && i + 1 < args.Length) repeat = int.Parse(args[++i]);
            else inputs.Add(args[i]);
        }
        if (inputs.Count == 0) { Console.Error.WriteLine("Give at least one folder or .zip of documents."); return 2; }

        var dir = Path.Combine(Path.GetTempPath(), "sc-bench-" + Guid.NewGuid().ToString("N"));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dir,
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(dir, "bench.db")};Pooling=False",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSupportCopilotData(config, dir).AddKnowledge(config, background: false);
        await using var sp = services.BuildServiceProvider();
        await sp.MigrateDatabaseAsync();
        var uploads = sp.GetRequiredService<KnowledgeUploads>();

        long bytes = 0;
        var files = 0;
        var uploadTime = Stopwatch.StartNew();
        for (var copy = 0; copy < repeat; copy++)
        {
            foreach (var (name, content) in Files(inputs))
            {
                var data = copy == 0 ? content : Variant(name, content, copy);
                var result = await uploads.UploadAsync(copy == 0 ? name : $"{copy}-{name}", data);
                if (result.Outcome == UploadOutcome.Refused) Console.Error.WriteLine($"refused {name}: {result.Error}");
                bytes += data.Length;
                files++;
            }
        }
        uploadTime.Stop();

        var ingest = Stopwatch.StartNew();
        var jobs = await sp.GetRequiredService<IngestionWorker>().DrainAsync();
        ingest.Stop();

        await using var db = sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var pdfPages = await db.Documents.Where(d => d.ContentType == "application/pdf").SumAsync(d => d.PageCount ?? 0);
        var pdfDocs = await db.Documents.CountAsync(d => d.ContentType == "application/pdf");
        var chunks = await db.Chunks.CountAsync();
        var failed = await db.Documents.Where(d => d.Status == DocumentStatus.Failed).Select(d => d.FileName + ": " + d.FailureReason).ToListAsync();
        var seconds = ingest.Elapsed.TotalSeconds;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;

        Console.WriteLine($"inputs            {string.Join(", ", inputs)} (x{repeat})");
        Console.WriteLine($"files             {files} ({bytes / (1024.0 * 1024):0.0} MB), {pdfDocs} PDF with {pdfPages} pages, {jobs} jobs, {failed.Count} failed");
        Console.WriteLine($"upload (store)    {uploadTime.Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"ingest            {seconds:0.00} s  →  {pdfPages / seconds:0} PDF pages/s, {bytes / (1024.0 * 1024) / seconds:0.0} MB/s, {files / seconds:0.0} files/s");
        Console.WriteLine($"chunks            {chunks}");
        Console.WriteLine($"peak working set  {peak / (1024.0 * 1024):0} MB");
        foreach (var f in failed.Take(10)) Console.WriteLine($"  failed: {f}");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        return failed.Count == 0 ? 0 : 1;
    }

    /// <summary>Every file of the folders and zips, read one at a time (nothing holds the whole corpus).</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> Files(List<string> inputs)
    {
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                foreach (var f in Directory.EnumerateFiles(input).Order()) yield return (Path.GetFileName(f), File.ReadAllBytes(f));
                continue;
            }
            using var zip = ZipFile.OpenRead(input);
            foreach (var e in zip.Entries.Where(e => e.Length > 0))
            {
                using var s = e.Open();
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                yield return ($"{Path.GetFileNameWithoutExtension(input)}-{e.Name}", ms.ToArray());
            }
        }
    }

    private static byte[] Variant(string name, byte[] content, int copy)
    {
        var suffix = name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? $"\n% copy {copy}\n" : $"\n\n<!-- copy {copy} -->\n";
        return [.. content, .. Encoding.ASCII.GetBytes(suffix)];
    }
}
