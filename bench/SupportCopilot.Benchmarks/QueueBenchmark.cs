using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Benchmarks;

/// <summary>
/// The agent's queue on a generated SQLite database (issue 20: search p95 ≤ 50 ms at 1M tickets): N tickets with a
/// customer message each (indexed by the product's FTS5 triggers), a triage and an SLA; a tenth open. Prints p50/p95
/// of the first page for the default view, sorts, filters and searches by a body word, a customer and a ticket number.
/// </summary>
internal static class QueueBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var n = int.Parse(args.SkipWhile(a => a != "--tickets").Skip(1).FirstOrDefault() ?? "1000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(args.SkipWhile(a => a != "--runs").Skip(1).FirstOrDefault() ?? "30", CultureInfo.InvariantCulture);
        var dir = args.SkipWhile(a => a != "--dir").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), $"sc-queue-bench-{n}");
        Directory.CreateDirectory(dir);
        var dbFile = Path.Combine(dir, "bench.db");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dir, ["Database:ConnectionString"] = $"Data Source={dbFile}",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddSupportCopilotData(config, dir);
        services.AddSingleton<TicketService>();
        await using var sp = services.BuildServiceProvider();
        var existed = File.Exists(dbFile);
        await sp.MigrateDatabaseAsync(); // a kept database gets the migrations added since it was generated
        if (!existed)
        {
            var watch = Stopwatch.StartNew();
            Generate(dbFile, n);
            Console.WriteLine($"generated {n:N0} tickets with messages, triage and FTS in {watch.Elapsed.TotalSeconds:0} s ({new FileInfo(dbFile).Length / 1048576} MB)");
        }
        var tickets = sp.GetRequiredService<TicketService>();
        var open = new QueueFilter { Status = TicketStatus.Open };
        async Task Time(string label, QueueFilter f)
        {
            var first = await tickets.QueueAsync(f, 0, 25);
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var t = Stopwatch.StartNew();
                await tickets.QueueAsync(f, 0, 25);
                times.Add(t.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{label,-44} p50 {times[times.Count / 2],7:0.0} ms  p95 {times[Math.Min(times.Count - 1, (int)(times.Count * 0.95))],7:0.0} ms  ({first.Total:N0} matches)");
        }
        await Time("open, newest first (the default view)", open);
        await Time("open, by priority (severity)", open with { SortBy = "priority" });
        await Time("open, by SLA", open with { SortBy = "sla", Descending = false });
        await Time("open, overdue", open with { Sla = SlaFilter.Overdue });
        await Time("open, queue Billing", open with { Queue = "Billing" });
        await Time("search a rare body word (open)", open with { Search = "xylophone" });
        await Time("search a common body word (open)", open with { Search = "filter" });
        await Time("search a common word's start (open)", open with { Search = "filte" });
        await Time("search two body words (any status)", new QueueFilter { Search = "filter rattles" });
        await Time("search a customer's address (any status)", new QueueFilter { Search = $"c{n / 2}@example.com" });
        await Time("search #id (any status)", new QueueFilter { Search = $"#{n / 3}" });
        // The customer panel on every ticket page: their tickets by address, any case.
        var panel = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var t = Stopwatch.StartNew();
            await tickets.CustomerHistoryAsync($"C{n / 4 + i}@Example.com", 0);
            panel.Add(t.Elapsed.TotalMilliseconds);
        }
        panel.Sort();
        Console.WriteLine($"{"customer panel (their tickets, any case)",-44} p50 {panel[panel.Count / 2],7:0.0} ms  p95 {panel[Math.Min(panel.Count - 1, (int)(panel.Count * 0.95))],7:0.0} ms");
        return 0;
    }

    private static void Generate(string dbFile, int n)
    {
        var rng = new Random(11);
        string[] queues = ["General", "Billing", "Shipping", "Technical", "Returns"];
        string[] priorities = ["low", "medium", "high", "urgent"];
        string[] words = ["filter", "purifier", "refund", "delivery", "app", "noise", "rattles", "light", "error", "warranty", "invoice", "order", "broken", "smell", "night", "mode", "sensor", "wifi", "reset", "subscription"];
        var end = DateTime.UtcNow;
        using var conn = new SqliteConnection($"Data Source={dbFile}");
        conn.Open();
        using (var pragma = conn.CreateCommand()) { pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"; pragma.ExecuteNonQuery(); }
        static string Ts(DateTime d) => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        for (var batch = 0; batch < n; batch += 100_000)
        {
            using var tx = conn.BeginTransaction();
            using var ticket = conn.CreateCommand();
            ticket.Transaction = tx;
            ticket.CommandText = "INSERT INTO Tickets (Id, Subject, CustomerEmail, CustomerName, Channel, Status, Queue, CreatedAt, UpdatedAt, SlaDueAt) VALUES ($id, $s, $e, $n, 'Email', $st, $q, $c, $c, $sla)";
            var tp = new[] { "$id", "$s", "$e", "$n", "$st", "$q", "$c", "$sla" }.ToDictionary(k => k, k => ticket.Parameters.Add(k, SqliteType.Text));
            using var message = conn.CreateCommand();
            message.Transaction = tx;
            message.CommandText = "INSERT INTO TicketMessages (TicketId, Author, AuthorName, Body, CreatedAt) VALUES ($t, 'Customer', $n, $b, $c)";
            var mp = new[] { "$t", "$n", "$b", "$c" }.ToDictionary(k => k, k => message.Parameters.Add(k, SqliteType.Text));
            using var triage = conn.CreateCommand();
            triage.Transaction = tx;
            triage.CommandText = "INSERT INTO Triages (TicketId, Category, CategoryConfidence, Type, TypeConfidence, Priority, PriorityConfidence, Sentiment, SentimentConfidence, Language, LanguageConfidence, Confidence, NeedsHuman, Engine, UpdatedAt) " +
                                 "VALUES ($t, $q, 0.8, 'Question', 0.8, $p, 0.7, 'neutral', 0.9, 'en', 0.99, 0.7, $h, 'ml', $c)";
            var rp = new[] { "$t", "$q", "$p", "$h", "$c" }.ToDictionary(k => k, k => triage.Parameters.Add(k, SqliteType.Text));
            for (var i = batch + 1; i <= Math.Min(n, batch + 100_000); i++)
            {
                var created = end.AddSeconds(-rng.Next(365 * 24 * 3600));
                var queue = queues[rng.Next(queues.Length)];
                var priority = priorities[rng.Next(priorities.Length)];
                var status = rng.NextDouble() < 0.1 ? "Open" : "Resolved";
                var body = string.Join(' ', Enumerable.Range(0, 25).Select(_ => words[rng.Next(words.Length)])) + (i % 100_000 == 7 ? " xylophone" : "");
                (tp["$id"].Value, tp["$s"].Value, tp["$e"].Value, tp["$n"].Value, tp["$st"].Value, tp["$q"].Value, tp["$c"].Value, tp["$sla"].Value) =
                    (i, $"{words[rng.Next(words.Length)]} {words[rng.Next(words.Length)]} question {i}", $"c{i}@example.com", $"Customer {i}", status, queue, Ts(created), Ts(created.AddHours(8)));
                ticket.ExecuteNonQuery();
                (mp["$t"].Value, mp["$n"].Value, mp["$b"].Value, mp["$c"].Value) = (i, $"Customer {i}", body, Ts(created));
                message.ExecuteNonQuery();
                (rp["$t"].Value, rp["$q"].Value, rp["$p"].Value, rp["$h"].Value, rp["$c"].Value) = (i, queue, priority, rng.NextDouble() < 0.2 ? 1 : 0, Ts(created));
                triage.ExecuteNonQuery();
            }
            tx.Commit();
        }
        using var analyze = conn.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        analyze.ExecuteNonQuery();
    }
}
