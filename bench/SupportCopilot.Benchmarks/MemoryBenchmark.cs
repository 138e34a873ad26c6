using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Memory;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Benchmarks;

/// <summary>
/// Similar-ticket search (<see cref="ReplyMemories.SearchAsync"/>: BM25 over the customers' words + the int8 vector scan +
/// fusion + reading the top rows) against the number of memory entries, with synthetic entries (Zipf vocabulary,
/// random vectors of the in-process model's 384 dimensions, a hashing query embedder so only search is timed); the
/// vector index's memory per entry; and what writing an entry costs an approval (redaction and the entry, p95).
/// </summary>
internal static class MemoryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (args.SkipWhile(a => a != "--entries").Skip(1).FirstOrDefault() ?? "100000").Split(',').Select(int.Parse).ToList();
        const int dims = 384;
        Console.WriteLine("| entries | similar-ticket search p50/p95 ms | vector bytes per entry | db bytes per entry |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var n in sizes) await RunSizeAsync(n, dims);
        await WriteCostAsync();
        return 0;
    }

    private static ServiceProvider Services(string dir, string dbPath, IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dir, ["Database:ConnectionString"] = $"Data Source={dbPath}", ["Search:Quantization"] = "Int8",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(embedder);
        services.AddSupportCopilotData(config, dir).AddKnowledge(config, background: false).AddRetrieval(config, syncVectors: false)
            .AddTickets().AddReplyMemory(config, index: false);
        return services.BuildServiceProvider();
    }

    private static async Task RunSizeAsync(int n, int dims)
    {
        var dir = Path.Combine(Path.GetTempPath(), "sc-mbench-" + Guid.NewGuid().ToString("N"));
        var dbPath = Path.Combine(dir, "bench.db");
        await using var sp = Services(dir, dbPath, new HashingEmbedder(dims));
        await sp.MigrateDatabaseAsync();
        var random = new Random(42);
        var vocabulary = Enumerable.Range(0, 30_000).Select(i => $"w{i:x}").ToArray();
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => vocabulary[(int)Math.Floor(Math.Pow(random.NextDouble(), 3) * vocabulary.Length)]));
        var index = sp.GetRequiredService<MemoryVectors>().Index;
        await FillAsync(dbPath, n, dims, random, Text, index);
        index.TrimExcess();

        var memory = sp.GetRequiredService<ReplyMemories>();
        var queries = Enumerable.Range(0, 200).Select(_ => Text(8 + random.Next(20))).ToList();
        foreach (var q in queries) await memory.SearchAsync(q, 3); // warm-up: past the JIT's tiering threshold
        var times = new List<double>();
        foreach (var q in queries)
        {
            var watch = Stopwatch.StartNew();
            await memory.SearchAsync(q, 3);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"| {n:N0} | {times[times.Count / 2]:0.0} / {times[(int)(times.Count * 0.95)]:0.0} | {index.MemoryBytes / (double)n:0} | {new FileInfo(dbPath).Length / (double)n:0} |");
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>Raw inserts in one transaction (the FTS triggers index each entry as the app would), vectors into the index.</summary>
    private static async Task FillAsync(string dbPath, int n, int dims, Random random, Func<int, string> text, SupportCopilot.Core.Retrieval.EmbeddedVectorIndex index)
    {
        await using var conn = new SqliteConnection($"Data Source={dbPath};Pooling=False");
        await conn.OpenAsync();
        await using var tx = conn.BeginTransaction();
        var ticket = conn.CreateCommand();
        ticket.CommandText = "INSERT INTO Tickets (Id, Subject, CustomerEmail, Channel, Status, CreatedAt, UpdatedAt) VALUES ($id, 'bench', 'b@example.com', 'Api', 'Resolved', '2026-01-01 00:00:00', '2026-01-01 00:00:00')";
        ticket.Parameters.Add(new SqliteParameter("$id", 0));
        for (var t = 1; t <= 1000; t++) { ticket.Parameters["$id"].Value = t; await ticket.ExecuteNonQueryAsync(); }
        var insert = conn.CreateCommand();
        insert.CommandText = "INSERT INTO ReplyMemories (Id, TicketId, Source, Subject, CustomerText, ReplyText, CreatedAt, Vector, VectorModel) " +
                             "VALUES ($id, $t, 'Imported', $s, $c, $r, '2026-01-01 00:00:00', $v, 'hash')";
        foreach (var p in new[] { "$id", "$t", "$s", "$c", "$r", "$v" }) insert.Parameters.Add(new SqliteParameter(p, ""));
        var batch = new List<(int, int, float[])>();
        for (var id = 1; id <= n; id++)
        {
            var vector = Enumerable.Range(0, dims).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            (insert.Parameters["$id"].Value, insert.Parameters["$t"].Value, insert.Parameters["$s"].Value) = (id, id % 1000 + 1, text(5));
            (insert.Parameters["$c"].Value, insert.Parameters["$r"].Value) = (text(60), text(80));
            insert.Parameters["$v"].Value = MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
            await insert.ExecuteNonQueryAsync();
            batch.Add((id, 0, vector));
            if (batch.Count == 10_000) { index.Upsert("hash", batch); batch.Clear(); }
        }
        index.Upsert("hash", batch);
        await tx.CommitAsync();
    }

    /// <summary>What an approval pays for memory: redacting the customer's turn and the reply and building the entry.</summary>
    private static async Task WriteCostAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sc-mbench-" + Guid.NewGuid().ToString("N"));
        await using var sp = Services(dir, Path.Combine(dir, "w.db"), new HashingEmbedder(384));
        var memory = sp.GetRequiredService<ReplyMemories>();
        var ticket = new Ticket { Subject = "Order 4471223 arrived broken", CustomerEmail = "anna.berg@example.com", CustomerName = "Anna Berg" };
        var customer = string.Concat(Enumerable.Repeat("Hello, my order 4471223 arrived with a cracked jar. Call me on +49 30 1234 5678. ", 8)) + "\n\nRegards,\nAnna Berg";
        var reply = "Hi Anna,\n\n" + string.Concat(Enumerable.Repeat("Turn the jar clockwise until it clicks, then hold Pulse for two seconds. ", 12)) + "\n\nBest regards,\nTom";
        var times = new List<double>();
        for (var i = 0; i < 1200; i++)
        {
            var watch = Stopwatch.StartNew();
            memory.Create(ticket, customer, reply, MemorySource.Approved, DateTime.UtcNow, "agent", "Tom Miller", 0.1);
            if (i >= 200) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"memory entry per approval (redaction + entry, {customer.Length + reply.Length:N0} characters): p50 {times[times.Count / 2]:0.00} ms, p95 {times[(int)(times.Count * 0.95)]:0.00} ms");
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
