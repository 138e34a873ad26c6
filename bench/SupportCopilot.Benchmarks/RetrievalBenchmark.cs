using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Benchmarks;

/// <summary>
/// Retrieval latency against corpus size on synthetic chunks (Zipf-distributed vocabulary, ~60 words each):
/// lexical (FTS5 BM25 through the Retriever), dense (the SIMD index alone) and hybrid (the Retriever with both and
/// fusion, query embedding by a hashing embedder so only retrieval is timed), plus memory per 100k chunks.
/// </summary>
internal static class RetrievalBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (args.SkipWhile(a => a != "--chunks").Skip(1).FirstOrDefault() ?? "10000,100000").Split(',').Select(int.Parse).ToList();
        var dims = int.Parse(args.SkipWhile(a => a != "--dims").Skip(1).FirstOrDefault() ?? "768");
        var quantization = args.SkipWhile(a => a != "--quantization").Skip(1).FirstOrDefault() ?? "Int8"; // Int8 (the app's default) | None
        Console.WriteLine($"vectors: {dims} dimensions, quantization {quantization}");
        Console.WriteLine($"| chunks | lexical p50/p95 ms | dense p50/p95 ms | hybrid p50/p95 ms | hybrid + prompt + post-check p50/p95 ms | vectors MB per 100k | db MB per 100k |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var n in sizes) await RunSizeAsync(n, dims, quantization);
        return 0;
    }

    private static async Task RunSizeAsync(int n, int dims, string quantization)
    {
        var dir = Path.Combine(Path.GetTempPath(), "sc-rbench-" + Guid.NewGuid().ToString("N"));
        var dbPath = Path.Combine(dir, "bench.db");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dir, ["Database:ConnectionString"] = $"Data Source={dbPath}", // pooled, as the app runs (pools are cleared before the folder is deleted)
            ["Search:Quantization"] = quantization,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new HashingEmbedder(dims));
        services.AddSupportCopilotData(config, dir).AddKnowledge(config, background: false).AddRetrieval(config, syncVectors: false);
        await using var sp = services.BuildServiceProvider();
        await sp.MigrateDatabaseAsync();

        var random = new Random(42);
        var vocabulary = Enumerable.Range(0, 30_000).Select(i => Word(i)).ToArray();
        int Zipf() => (int)Math.Min(vocabulary.Length - 1, Math.Floor(Math.Pow(random.NextDouble(), 3) * vocabulary.Length));
        await FillAsync(dbPath, n, () => string.Join(' ', Enumerable.Range(0, 60).Select(_ => vocabulary[Zipf()])));

        var index = sp.GetRequiredService<EmbeddedVectorIndex>();
        var embedder = new HashingEmbedder(dims);
        for (var start = 1; start <= n; start += 10_000)
        {
            index.Upsert("hash", Enumerable.Range(start, Math.Min(10_000, n - start + 1)).Select(id => (id, (id - 1) / 100 + 1, RandomVector(random, dims))));
        }
        index.TrimExcess();
        var queries = Enumerable.Range(0, 200).Select(_ => string.Join(' ', Enumerable.Range(0, 3 + random.Next(4)).Select(_ => vocabulary[Zipf()]))).ToList();
        var retriever = sp.GetRequiredService<Retriever>();
        var lexicalOnly = new Retriever(sp.GetRequiredService<IDbContextFactory<AppDbContext>>(), sp.GetRequiredService<ILexicalIndex>(),
            new EmbeddedVectorIndex(), new ServiceCollection().BuildServiceProvider(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RetrievalOptions>>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Retriever>.Instance);

        var lexical = await TimeAsync(queries, q => lexicalOnly.SearchAsync(new SearchRequest(q, 10)));
        var fts = await TimeAsync(queries, async q =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            return await sp.GetRequiredService<ILexicalIndex>().SearchAsync(db, QueryTerms.Extract(q), 50, null, default);
        });
        Console.WriteLine($"  (of lexical: the FTS5 index alone p50 {fts.P50:0.0} / p95 {fts.P95:0.0} ms)");
        var dense = await TimeAsync(queries, async q => { var v = await embedder.GenerateVectorAsync(q); return index.Search(v.Span, 50); });
        var hybrid = await TimeAsync(queries, q => retriever.SearchAsync(new SearchRequest(q, 10)));
        // The drafting pipeline minus the model: retrieval, prompt assembly, and the post-check of a (canned) answer.
        var pipeline = await TimeAsync(queries, async q =>
        {
            var result = await retriever.SearchAsync(new SearchRequest(q, 5));
            var messages = SupportCopilot.Core.Drafting.Prompts.GroundedReplyPrompt.Build("Subject", q, "Customer", result.Hits);
            return SupportCopilot.Core.Drafting.DraftCheck.Check("Here is the answer [1]. Also see \"" + q + "\" [1].", result.Hits, messages[1].Text);
        });
        var per100k = 100_000.0 / n;
        Console.WriteLine($"| {n:N0} | {lexical.P50:0.0} / {lexical.P95:0.0} | {dense.P50:0.0} / {dense.P95:0.0} | {hybrid.P50:0.0} / {hybrid.P95:0.0} | {pipeline.P50:0.0} / {pipeline.P95:0.0} | " +
                          $"{index.MemoryBytes / 1048576.0 * per100k:0} | {new FileInfo(dbPath).Length / 1048576.0 * per100k:0} |");
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>Raw inserts in one transaction: the FTS triggers index every chunk as the app would.</summary>
    private static async Task FillAsync(string dbPath, int n, Func<string> text)
    {
        await using var conn = new SqliteConnection($"Data Source={dbPath};Pooling=False");
        await conn.OpenAsync();
        await using var tx = conn.BeginTransaction();
        var docs = conn.CreateCommand();
        docs.CommandText = "INSERT INTO Documents (FileName, ContentType, ContentHash, SizeBytes, Version, Status, CreatedAt, UpdatedAt) VALUES ($f, 'text/plain', $h, 0, 1, 'Ready', $t, $t)";
        var chunks = conn.CreateCommand();
        chunks.CommandText = "INSERT INTO Chunks (Id, DocumentId, Ordinal, HeadingPath, CharStart, CharEnd, TokenCount, Text) VALUES ($id, $d, $o, $hp, 0, 0, 80, $x)";
        foreach (var p in new[] { "$f", "$h", "$t" }) docs.Parameters.Add(new SqliteParameter(p, ""));
        foreach (var p in new[] { "$id", "$d", "$o", "$hp", "$x" }) chunks.Parameters.Add(new SqliteParameter(p, ""));
        for (var d = 1; d <= (n + 99) / 100; d++)
        {
            (docs.Parameters["$f"].Value, docs.Parameters["$h"].Value, docs.Parameters["$t"].Value) = ($"doc{d}.txt", $"hash{d}", "2026-01-01 00:00:00");
            await docs.ExecuteNonQueryAsync();
        }
        for (var id = 1; id <= n; id++)
        {
            (chunks.Parameters["$id"].Value, chunks.Parameters["$d"].Value, chunks.Parameters["$o"].Value) = (id, (id - 1) / 100 + 1, (id - 1) % 100);
            (chunks.Parameters["$hp"].Value, chunks.Parameters["$x"].Value) = ($"Doc {(id - 1) / 100 + 1} > Part {(id - 1) % 100}", text());
            await chunks.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    private static async Task<(double P50, double P95)> TimeAsync<T>(List<string> queries, Func<string, Task<T>> run)
    {
        // Warm-up over every query: past tiered compilation's 30-call threshold, so the JIT's background recompiles
        // (which share the core when pinned to one) are not timed as query latency.
        foreach (var q in queries) await run(q);
        var times = new List<double>();
        foreach (var q in queries)
        {
            var watch = Stopwatch.StartNew();
            await run(q);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[(int)(times.Count * 0.95)]);
    }

    private static float[] RandomVector(Random random, int dims) => Enumerable.Range(0, dims).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();

    private static string Word(int i)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        var chars = new char[3 + i % 6];
        for (var k = 0; k < chars.Length; k++) { chars[k] = letters[(i / (k + 1) + k * 7) % 26]; }
        return new string(chars) + (i / 26 % 100);
    }
}
