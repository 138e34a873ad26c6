using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Playwright;

namespace SupportCopilot.Benchmarks.Circuits;

/// <summary>
/// N concurrent agent sessions (Blazor circuits) against the web app running as its own Release process, all signed in
/// as the demo agent, each on a ticket page: by default browserless clients speaking the circuit protocol
/// (<see cref="BlazorCircuitClient"/>), with <c>--client browser</c> N pages in Debian's Chromium. With all N circuits connected it measures, per session,
/// the round trip of opening another ticket (in-circuit navigation until the page shows it) and of approving a draft
/// (click until "approved" shows), and the server's memory per circuit (RSS and managed heap deltas / N).
/// </summary>
internal static class CircuitsBenchmark
{
    private const string Key = "circuits-benchmark-key-0123456789";

    public static async Task<int> RunAsync(string[] args)
    {
        var n = int.Parse(args.SkipWhile(a => a != "--sessions").Skip(1).FirstOrDefault() ?? "200", CultureInfo.InvariantCulture);
        var parallel = int.Parse(args.SkipWhile(a => a != "--parallel").Skip(1).FirstOrDefault() ?? "10", CultureInfo.InvariantCulture);
        var browser = (args.SkipWhile(a => a != "--client").Skip(1).FirstOrDefault() ?? "protocol") == "browser";
        var webDll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/SupportCopilot.Web/bin/Release/net10.0/SupportCopilot.Web.dll"));
        var data = Path.Combine(Path.GetTempPath(), "sc-circuits-" + Guid.NewGuid().ToString("N")[..8]);
        var port = FreePort();
        using var web = StartWeb(webDll, data, port);
        try
        {
            var baseUrl = $"http://127.0.0.1:{port}";
            using var api = new HttpClient { BaseAddress = new Uri(baseUrl) };
            api.DefaultRequestHeaders.Add("X-Api-Key", Key);
            await WaitReadyAsync(api);
            var ids = new List<int>();
            for (var i = 0; i < (n + parallel) * 2; i++) // the last 2 × parallel for the warm-up sessions
            {
                var r = await api.PostAsJsonAsync("/api/tickets", new { subject = $"Filter question {i}", body = "How do I reset the filter light after replacing the filter?", customerEmail = $"c{i}@example.com" });
                ids.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
            }
            // Let the background worker triage and draft them first: otherwise the agents' actions share the two cores with
            // the drafting of the same tickets, and the server times below measured that race rather than the console.
            var drafting = Stopwatch.StartNew();
            var waiting = new List<int>(ids);
            while (waiting.Count > 0 && drafting.Elapsed < TimeSpan.FromMinutes(10))
            {
                var done = new List<int>();
                foreach (var id in waiting)
                {
                    var ticket = await api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
                    if (ticket.GetProperty("drafts").GetArrayLength() == 0) break; // drafted roughly in order: check again later
                    done.Add(id);
                }
                waiting.RemoveAll(done.Contains);
                if (waiting.Count > 0) await Task.Delay(2000);
            }
            Console.WriteLine($"{ids.Count - waiting.Count} of {ids.Count} tickets drafted by the worker in {drafting.Elapsed.TotalSeconds:0} s before the sessions start");

            var password = File.ReadLines(Path.Combine(data, "demo-users.txt")).Select(l => l.Split('\t', ' ')).First(p => p.Contains("agent@demo.local")).Last();
            await using var sessions = browser ? await BrowserSessionsAsync(baseUrl, password) : await ProtocolSessionsAsync(baseUrl, password);
            Console.WriteLine(browser ? "client: Chromium pages (browser time included)" : "client: the Blazor circuit protocol without a browser (server and wire time)");

            // Warm-up: the first actions after the server starts pay for JIT and EF query compilation (measured: the first
            // ten approvals take 100–230 ms of server time, later ones 2–20 ms). A server runs all day, so the figures
            // below are for a warm one; these first round trips are printed, not counted. Their circuits are closed again.
            var warm = new IAgentSession[parallel];
            await Task.WhenAll(Enumerable.Range(0, parallel).Select(async j =>
            {
                warm[j] = sessions.NewSession();
                await warm[j].OpenAsync(ids[2 * n + j]);
            }));
            Report("warm-up: open", await MeasureAsync(warm, parallel, (session, j) => session.NavigateAsync(ids[2 * n + parallel + j])));
            Report("warm-up: approve", await MeasureAsync(warm, parallel, (session, _) => session.ApproveAsync()));
            foreach (var session in warm) await session.DisposeAsync();
            await Task.Delay(2000); // the closed circuits are disposed before the memory baseline

            var (rss0, heap0) = await MemoryAsync(web.Id, api);
            var pages = new IAgentSession[n];
            var open = Stopwatch.StartNew();
            for (var i = 0; i < n; i += parallel)
            {
                await Task.WhenAll(Enumerable.Range(i, Math.Min(parallel, n - i)).Select(async j =>
                {
                    pages[j] = sessions.NewSession();
                    await pages[j].OpenAsync(ids[j]);
                }));
            }
            Console.WriteLine($"{n} circuits connected in {open.Elapsed.TotalSeconds:0.0} s");
            await Task.Delay(3000);
            var (rss1, heap1) = await MemoryAsync(web.Id, api);
            Console.WriteLine($"server memory per circuit: RSS {(rss1 - rss0) / 1024.0 / n:0} KB, managed heap {(heap1 - heap0) / 1024.0 / n:0} KB  (RSS {rss0 / 1048576} → {rss1 / 1048576} MB, heap {heap0 / 1048576} → {heap1 / 1048576} MB)");

            // Open another ticket inside each circuit (Blazor navigation, no page load): request → rendered on the client.
            await ServerTimeAsync(api); // starts the server-side window
            var navigate = await MeasureAsync(pages, parallel, (session, j) => session.NavigateAsync(ids[n + j]));
            var navigateServer = await ServerTimeAsync(api);
            var approve = await MeasureAsync(pages, parallel, (session, _) => session.ApproveAsync());
            var approveServer = await ServerTimeAsync(api);
            Report("open a ticket", navigate);
            Console.WriteLine($"  server time per circuit activity meanwhile: {navigateServer}");
            Report("approve & send", approve);
            Console.WriteLine($"  server time per circuit activity meanwhile: {approveServer}");
            var (rss2, heap2) = await MemoryAsync(web.Id, api);
            Console.WriteLine($"after the round trips: RSS {rss2 / 1048576} MB, managed heap {heap2 / 1048576} MB; {n} circuits, {parallel} sessions acting at a time");
            return 0;
        }
        finally
        {
            if (!web.HasExited) web.Kill(entireProcessTree: true);
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Where sessions come from, and what they share (a signed-in browser context, or a cookie jar and an HTTP client).</summary>
    private sealed class SessionSource(Func<IAgentSession> create, Func<ValueTask> dispose) : IAsyncDisposable
    {
        public IAgentSession NewSession() => create();
        public ValueTask DisposeAsync() => dispose();
    }

    private static async Task<SessionSource> ProtocolSessionsAsync(string baseUrl, string password)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 })
            { BaseAddress = new Uri(baseUrl + "/") };
        await HttpSignIn.SignInAsync(http, "agent@demo.local", password);
        return new SessionSource(() => new ProtocolSession(http.BaseAddress, cookies, http), () => { http.Dispose(); return ValueTask.CompletedTask; });
    }

    private static async Task<SessionSource> BrowserSessionsAsync(string baseUrl, string password)
    {
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--renderer-process-limit=8", "--disable-background-timer-throttling", "--disable-renderer-backgrounding"],
        });
        var context = await chromium.NewContextAsync(new() { BaseURL = baseUrl });
        var login = await context.NewPageAsync();
        await login.GotoAsync("/account/login");
        await login.FillAsync("#email", "agent@demo.local");
        await login.FillAsync("#password", password);
        await login.ClickAsync("button[type=submit]");
        await login.WaitForURLAsync("**/");
        await login.CloseAsync();
        return new SessionSource(() => new BrowserSession(context), async () => { await chromium.DisposeAsync(); playwright.Dispose(); });
    }

    private static (double Pause, int Gen0, int Gen1, int Gen2) _gc;

    /// <summary>The web app's own timing of inbound circuit activities since the last call (events, navigations, JS callbacks).</summary>
    private static async Task<string> ServerTimeAsync(HttpClient api)
    {
        var w = await api.GetFromJsonAsync<JsonElement>("/_diagnostics/circuits");
        var (pause, gen0, gen1, gen2) = (w.GetProperty("gcPauseMs").GetDouble(), w.GetProperty("gen0").GetInt32(), w.GetProperty("gen1").GetInt32(), w.GetProperty("gen2").GetInt32());
        var gc = $"GC meanwhile: {gen0 - _gc.Gen0} gen0, {gen1 - _gc.Gen1} gen1, {gen2 - _gc.Gen2} gen2 collections, {pause - _gc.Pause:0} ms paused";
        _gc = (pause, gen0, gen1, gen2);
        return $"p50 {w.GetProperty("p50Ms").GetDouble():0.0} ms, p95 {w.GetProperty("p95Ms").GetDouble():0.0} ms over {w.GetProperty("activities").GetInt32()} activities; {gc}";
    }

    private static async Task<List<double>> MeasureAsync(IAgentSession[] pages, int parallel, Func<IAgentSession, int, Task> action)
    {
        var times = new List<double>();
        for (var i = 0; i < pages.Length; i += parallel)
        {
            var batch = await Task.WhenAll(Enumerable.Range(i, Math.Min(parallel, pages.Length - i)).Select(async j =>
            {
                var watch = Stopwatch.StartNew();
                await action(pages[j], j);
                return watch.Elapsed.TotalMilliseconds;
            }));
            times.AddRange(batch);
        }
        times.Sort();
        return times;
    }

    private static void Report(string label, List<double> t) =>
        Console.WriteLine($"{label,-17}: p50 {t[t.Count / 2]:0} ms, p95 {t[(int)(t.Count * 0.95)]:0} ms, max {t[^1]:0} ms ({t.Count} round trips)");

    /// <summary>RSS from /proc, and the managed heap after a full GC from the app's own diagnostics endpoint (Development only).</summary>
    private static async Task<(long Rss, long Heap)> MemoryAsync(int pid, HttpClient api)
    {
        var heap = (await api.GetFromJsonAsync<JsonElement>("/_diagnostics/memory")).GetProperty("heapBytes").GetInt64();
        var rss = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return (long.Parse(rss, CultureInfo.InvariantCulture) * 1024, heap);
    }

    private static Process StartWeb(string dll, string data, int port) =>
        // The workers triage and draft the benchmark's tickets as in production; the run waits for them before the
        // sessions start, so the timings are the agents' actions (a page drafts on open only when no draft exists).
        WebProcess.Start(dll, data, port, Key, ("Diagnostics__MemoryEndpoint", "true"));

    private static Task WaitReadyAsync(HttpClient api) => WebProcess.WaitReadyAsync(api);

    private static int FreePort() => WebProcess.FreePort();
}
