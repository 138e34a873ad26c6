using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core;
using SupportCopilot.Core.Dashboard;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Benchmarks;

/// <summary>
/// Dashboard queries on a generated SQLite database: N tickets over a year with 5 events each (created, draft generated,
/// draft shown, approved with an edit ratio, sent; some rejected/reopened instead). Prints p50/p95 per query and range.
/// </summary>
internal static class DashboardBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var n = int.Parse(args.SkipWhile(a => a != "--tickets").Skip(1).FirstOrDefault() ?? "1000000", CultureInfo.InvariantCulture);
        var dir = args.SkipWhile(a => a != "--dir").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), $"sc-dash-bench-{n}");
        var runs = int.Parse(args.SkipWhile(a => a != "--runs").Skip(1).FirstOrDefault() ?? "20", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(dir);
        var dbFile = Path.Combine(dir, "bench.db");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dir, ["Database:ConnectionString"] = $"Data Source={dbFile}",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSupportCopilotData(config, dir).AddDashboard(config);
        await using var sp = services.BuildServiceProvider();
        var end = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        if (!File.Exists(dbFile))
        {
            await sp.MigrateDatabaseAsync();
            var watch = Stopwatch.StartNew();
            var events = Generate(dbFile, n, end);
            Console.WriteLine($"generated {n:N0} tickets and {events:N0} events in {watch.Elapsed.TotalSeconds:0} s ({new FileInfo(dbFile).Length / 1024 / 1024} MB)");
        }
        var drafts = GenerateDrafts(dbFile);
        if (drafts > 0) Console.WriteLine($"generated {drafts:N0} drafts with two citations each over 60 documents");
        var dashboard = sp.GetRequiredService<DashboardService>();
        var to = DateOnly.FromDateTime(end.AddDays(-1));
        // The facts cache loads once per process (then only catches up on new events): its cost and size, separately.
        var cache = sp.GetRequiredService<TicketFactsCache>();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var load = Stopwatch.StartNew();
        await cache.ReadAsync(DateTime.MinValue, DateTime.MinValue, f => f.Count);
        Console.WriteLine($"facts cache: {cache.Count:N0} tickets loaded in {load.Elapsed.TotalSeconds:0.0} s, {(GC.GetTotalMemory(forceFullCollection: true) - heap) / 1048576.0:0} MB managed heap");
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        await Time("metrics  90 days Europe/Berlin, category Billing", runs,
            () => dashboard.MetricsAsync(new DashboardQuery(to.AddDays(-89), to, berlin, new MetricFilter("Billing"))), r => $"{r.Tickets:N0} tickets");
        await Time("events reference 7 days (the old path)", Math.Min(runs, 3),
            () => dashboard.MetricsFromEventsAsync(new DashboardQuery(to.AddDays(-6), to, TimeZoneInfo.Utc, new MetricFilter())), r => $"{r.Tickets:N0} tickets");
        await Time("facets (filter menus)", runs, () => dashboard.FacetsAsync(), r => $"{r.Models.Count} models, {r.Categories.Count} categories");
        var ranges = (args.SkipWhile(a => a != "--ranges").Skip(1).FirstOrDefault() ?? "1,7,30,90,365").Split(',').Select(int.Parse);
        foreach (var days in ranges)
        {
            var q = new DashboardQuery(to.AddDays(1 - days), to, TimeZoneInfo.Utc, new MetricFilter());
            await Time($"metrics {days,3} days", runs, () => dashboard.MetricsAsync(q), r => $"{r.Tickets:N0} tickets");
            await Time($"gaps    {days,3} days", runs, () => dashboard.GapsAsync(q), r => $"{r.Count} clusters");
            await Time($"docs    {days,3} days", runs, () => dashboard.DocumentUseAsync(q), r => $"{r.Count} documents");
        }
        return 0;
    }

    private static async Task Time<T>(string label, int runs, Func<Task<T>> query, Func<T, string> describe)
    {
        var result = await query(); // warm-up, also the figure we describe
        var times = new List<double>();
        var fullCollections = GC.CollectionCount(2);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < runs && (i < 3 || watch.Elapsed < TimeSpan.FromSeconds(60)); i++)
        {
            var t = Stopwatch.StartNew();
            await query();
            times.Add(t.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{label}: p50 {times[times.Count / 2],8:0.0} ms  p95 {times[Math.Min(times.Count - 1, (int)(times.Count * 0.95))],8:0.0} ms  ({times.Count} runs, {describe(result)}, {GC.CollectionCount(2) - fullCollections} full GCs)");
    }

    /// <summary>One draft per ticket citing two of 60 documents (Zipf-like, so some are never cited), for the
    /// most-cited documents query; added to an existing database when it has no drafts yet.</summary>
    private static long GenerateDrafts(string dbFile)
    {
        using var conn = new SqliteConnection($"Data Source={dbFile}");
        conn.Open();
        using (var check = conn.CreateCommand())
        {
            check.CommandText = "SELECT EXISTS (SELECT 1 FROM Drafts)";
            if ((long)check.ExecuteScalar()! == 1) return 0;
        }
        using (var pragma = conn.CreateCommand()) { pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"; pragma.ExecuteNonQuery(); }
        var rng = new Random(11);
        using var tx = conn.BeginTransaction();
        using (var docs = conn.CreateCommand())
        {
            docs.Transaction = tx;
            docs.CommandText = "INSERT INTO Documents (Id, FileName, ContentType, ContentHash, SizeBytes, Status, CreatedAt, UpdatedAt, Version) " +
                "SELECT value, 'manual-' || value || '.pdf', 'application/pdf', 'h' || value, 0, 'Ready', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1 FROM (WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 60) SELECT value FROM n)";
            docs.ExecuteNonQuery();
        }
        using var draft = conn.CreateCommand();
        draft.Transaction = tx;
        draft.CommandText = "INSERT INTO Drafts (Id, TicketId, Version, Kind, Status, Text, Confidence, Model, PromptVersion, LatencyMs, CreatedAt, ConcurrencyStamp) " +
            "SELECT Id, Id, 1, 'Model', 'Approved', 'Reply', 0.8, 'qwen2.5:7b-instruct', 'grounded-v1', 900, strftime('%Y-%m-%d %H:%M:%f', CreatedAt, '+20 seconds'), '' FROM Tickets";
        var count = draft.ExecuteNonQuery();
        using var cite = conn.CreateCommand();
        cite.Transaction = tx;
        cite.CommandText = "INSERT INTO DraftCitations (DraftId, Number, ChunkId, DocumentId, FileName, HeadingPath, Score) VALUES ($d, $n, $doc * 100, $doc, 'manual-' || $doc || '.pdf', 'Manual', 0.7)";
        var (d, num, doc) = (cite.Parameters.Add("$d", SqliteType.Integer), cite.Parameters.Add("$n", SqliteType.Integer), cite.Parameters.Add("$doc", SqliteType.Integer));
        for (var id = 1; id <= count; id++)
        {
            for (var n = 1; n <= 2; n++)
            {
                (d.Value, num.Value, doc.Value) = (id, n, 1 + (int)(Math.Pow(rng.NextDouble(), 2) * 50)); // documents 51–60 are never cited
                cite.ExecuteNonQuery();
            }
        }
        tx.Commit();
        return count;
    }

    /// <summary>Bulk insert with prepared statements in one transaction per 100k tickets (EF would take an hour for 6M rows).</summary>
    private static long Generate(string dbFile, int n, DateTime end)
    {
        var rng = new Random(7);
        string[] categories = ["Billing", "Shipping", "Returns", "Filters", "App", "Warranty", "Setup", "Account"];
        string[] models = ["qwen2.5:7b-instruct", "llama3.1:8b", "extractive", "human"];
        using var conn = new SqliteConnection($"Data Source={dbFile}");
        conn.Open();
        using (var pragma = conn.CreateCommand()) { pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"; pragma.ExecuteNonQuery(); }
        long events = 0;
        static string Ts(DateTime d) => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        for (var batch = 0; batch < n; batch += 100_000)
        {
            using var tx = conn.BeginTransaction();
            using var ticket = conn.CreateCommand();
            ticket.Transaction = tx;
            ticket.CommandText = "INSERT INTO Tickets (Id, Subject, CustomerEmail, Channel, Status, Queue, CreatedAt, UpdatedAt) VALUES ($id, $s, $e, 'Email', 'Resolved', 'general', $c, $c)";
            var (tid, ts, te, tc) = (ticket.Parameters.Add("$id", SqliteType.Integer), ticket.Parameters.Add("$s", SqliteType.Text), ticket.Parameters.Add("$e", SqliteType.Text), ticket.Parameters.Add("$c", SqliteType.Text));
            using var ev = conn.CreateCommand();
            ev.Transaction = tx;
            ev.CommandText = "INSERT INTO TicketEvents (TicketId, Type, At, UserId, Model, PromptVersion, EditRatio, Reason, Confidence, Category, Queue) VALUES ($t, $type, $at, $u, $m, $p, $r, $reason, $conf, $cat, 'general')";
            var p = new[] { "$t", "$type", "$at", "$u", "$m", "$p", "$r", "$reason", "$conf", "$cat" }.ToDictionary(k => k, k => ev.Parameters.Add(k, SqliteType.Text));
            for (var i = batch + 1; i <= Math.Min(n, batch + 100_000); i++)
            {
                var created = end.AddSeconds(-rng.Next(365 * 24 * 3600));
                var category = categories[rng.Next(categories.Length)];
                var model = models[rng.Next(models.Length)];
                (tid.Value, ts.Value, te.Value, tc.Value) = (i, $"Question {i}", $"c{i}@example.com", Ts(created));
                ticket.ExecuteNonQuery();
                void Add(string type, DateTime at, object? user = null, object? m = null, object? ratio = null, object? reason = null, object? conf = null)
                {
                    (p["$t"].Value, p["$type"].Value, p["$at"].Value, p["$u"].Value, p["$m"].Value) = (i, type, Ts(at), user ?? DBNull.Value, m ?? DBNull.Value);
                    (p["$p"].Value, p["$r"].Value, p["$reason"].Value, p["$conf"].Value, p["$cat"].Value) =
                        (m is null ? DBNull.Value : "grounded-v1", ratio ?? DBNull.Value, reason ?? DBNull.Value, conf ?? DBNull.Value, category);
                    ev.ExecuteNonQuery();
                    events++;
                }
                var confidence = Math.Round(rng.NextDouble(), 3);
                Add("Created", created);
                Add("DraftGenerated", created.AddSeconds(20), m: model, conf: confidence);
                var opened = created.AddMinutes(rng.Next(5, 600));
                Add("DraftShown", opened, m: model, conf: confidence);
                var user = $"agent-{rng.Next(40)}";
                if (rng.NextDouble() < 0.1) Add("Rejected", opened.AddMinutes(1), user, model, reason: "MissingKnowledge");
                else Add("Approved", opened.AddMinutes(2 + rng.NextDouble() * 10), user, model, ratio: Math.Round(rng.NextDouble() * 0.5, 3));
                if (rng.NextDouble() < 0.1) Add("Reopened", opened.AddDays(rng.Next(1, 10)));
                else Add("Sent", opened.AddMinutes(13));
            }
            tx.Commit();
        }
        using (var analyze = conn.CreateCommand()) { analyze.CommandText = "ANALYZE;"; analyze.ExecuteNonQuery(); }
        return events;
    }
}
