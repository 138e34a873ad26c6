using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace SupportCopilot.Benchmarks;

/// <summary>
/// `load [--clients 20] [--seconds 60] [--rate 60]`: N API clients post tickets for T seconds, together at most R a
/// second (0 = as fast as they can; 60/s is the 3,638 tickets a minute of the issue-21 campaign), against the Release web app on its
/// embedded default (SQLite, in-process embeddings, extractive drafts, background workers on), then the run waits for
/// the triage and drafting backlogs to drain. Prints intake latency (p50/p95/p99), errors, and how fast the workers
/// caught up. The seeded samples are triaged and drafted before the load starts, so they are not counted.
/// </summary>
internal static class LoadBenchmark
{
    private const string Key = "load-benchmark-key-0123456789abc";

    // Real questions about the sample knowledge base, in rotation: retrieval and drafting do real work for each.
    private static readonly string[] Questions =
    [
        "The filter light is still red after I replaced the filter. How do I reset it?",
        "My purifier shows error E2. What does it mean and what should I do?",
        "How do I connect the purifier to the Nimbus Home app? Pairing keeps failing.",
        "What are your phone support hours in the US?",
        "Can I return the purifier after 20 days? It is too loud for the bedroom.",
        "How often should I clean the pre-filter and with what?",
        "The fan makes a rattling noise on the highest speed. Is that normal?",
        "How do I do a factory reset?",
        "Does the warranty cover a cracked housing after a fall?",
        "Wie setze ich die Filteranzeige zurück?",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = int.Parse(Arg(args, "--clients") ?? "20", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Arg(args, "--seconds") ?? "60", CultureInfo.InvariantCulture);
        var rate = double.Parse(Arg(args, "--rate") ?? "60", CultureInfo.InvariantCulture);
        var data = Path.Combine(Path.GetTempPath(), "sc-load-" + Guid.NewGuid().ToString("N")[..8]);
        var port = WebProcess.FreePort();
        using var web = WebProcess.Start(WebProcess.ReleaseDll(), data, port, Key);
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            api.DefaultRequestHeaders.Add("X-Api-Key", Key);
            await WebProcess.WaitReadyAsync(api);
            var db = $"Data Source={Path.Combine(data, "supportcopilot.db")};Mode=ReadOnly;Pooling=False";
            var settle = Stopwatch.StartNew();
            await WaitUntilAsync(db, 0, TimeSpan.FromMinutes(10)); // the seeded samples first
            var firstId = Count(db, "SELECT COALESCE(MAX(Id), 0) FROM Tickets");
            Console.WriteLine($"seeded tickets triaged and drafted after {settle.Elapsed.TotalSeconds:0} s; load: {clients} clients × {seconds} s" +
                (rate > 0 ? $", at most {rate:0.#} tickets/s in all" : ", closed loop"));

            var latencies = new ConcurrentBag<double>();
            var errors = 0;
            var stop = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                for (var i = 0; stop.Elapsed.TotalSeconds < seconds; i++)
                {
                    // Open loop when paced: client c sends its i-th ticket at its slot, however slow the last answer was.
                    if (rate > 0)
                    {
                        var due = TimeSpan.FromSeconds((i * clients + c) / rate) - stop.Elapsed;
                        if (due > TimeSpan.Zero) await Task.Delay(due);
                        if (stop.Elapsed.TotalSeconds >= seconds) break;
                    }
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        using var r = await api.PostAsJsonAsync("/api/tickets", new
                        {
                            subject = $"Question {c}-{i}", body = Questions[(c + i) % Questions.Length], customerEmail = $"load{c}.{i}@example.com",
                        });
                        if (!r.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                    }
                    catch (HttpRequestException) { Interlocked.Increment(ref errors); }
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            })));
            var loadEnd = stop.Elapsed;
            var created = Count(db, $"SELECT COUNT(*) FROM Tickets WHERE Id > {firstId}");
            var sorted = latencies.Order().ToArray();
            Console.WriteLine($"POST /api/tickets: {sorted.Length} requests, {errors} errors, {sorted.Length / loadEnd.TotalSeconds:0.0}/s, " +
                $"p50 {P(sorted, 0.50):0} ms, p95 {P(sorted, 0.95):0} ms, p99 {P(sorted, 0.99):0} ms, max {sorted[^1]:0} ms");

            var (triaged, drafted) = await DrainAsync(db, firstId, stop, TimeSpan.FromMinutes(20));
            Console.WriteLine($"backlog after the load: triage drained {Since(triaged, loadEnd)}, drafting drained {Since(drafted, loadEnd)}");
            if (drafted is { } d) Console.WriteLine($"drafting throughput over the whole run: {created / d.TotalSeconds:0.0} drafts/s ({created} tickets)");
            return 0;
        }
        finally
        {
            if (!web.HasExited) web.Kill(entireProcessTree: true);
            await web.WaitForExitAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<(TimeSpan? Triaged, TimeSpan? Drafted)> DrainAsync(string db, long firstId, Stopwatch clock, TimeSpan limit)
    {
        TimeSpan? triaged = null, drafted = null;
        while (clock.Elapsed < limit && drafted is null)
        {
            if (triaged is null && Count(db, $"SELECT COUNT(*) FROM Tickets t WHERE t.Id > {firstId} AND NOT EXISTS (SELECT 1 FROM Triages r WHERE r.TicketId = t.Id)") == 0)
                triaged = clock.Elapsed;
            // Open tickets only: the seeded history is replied or resolved, and the drafting worker leaves those alone.
            if (Count(db, $"SELECT COUNT(*) FROM Tickets t WHERE t.Id > {firstId} AND t.Status = 'Open' AND NOT EXISTS (SELECT 1 FROM Drafts d WHERE d.TicketId = t.Id)") == 0)
                drafted = clock.Elapsed;
            else await Task.Delay(500);
        }
        return (triaged, drafted);
    }

    private static async Task WaitUntilAsync(string db, long firstId, TimeSpan limit)
    {
        var (_, drafted) = await DrainAsync(db, firstId, Stopwatch.StartNew(), limit);
        if (drafted is null) throw new TimeoutException("The seeded tickets were not drafted in time.");
    }

    private static long Count(string connectionString, string sql)
    {
        using var c = new SqliteConnection(connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandTimeout = 5; // waits this long for the app's write lock (a PRAGMA in the same text would be the result)
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Since(TimeSpan? at, TimeSpan loadEnd) => at is { } t ? $"{Math.Max(0, (t - loadEnd).TotalSeconds):0} s after" : "not within the limit";

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    private static string? Arg(string[] args, string flag) => args.SkipWhile(a => a != flag).Skip(1).FirstOrDefault();
}
