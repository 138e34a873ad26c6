using System.Diagnostics;
using System.Text.Json;
using SupportCopilot.Core.Drafting.Guards;

namespace SupportCopilot.Benchmarks;

/// <summary>
/// The injection detector's cost per ticket (all rules on the text and on its undisguised form, then the learned sentence
/// classifier as the product runs it on customers' text; --rules leaves the classifier out), p50/p95/max, over a ticket
/// file (.jsonl with subject/body) read twice right after a first pass and again once the code has settled. Then the worst
/// case once: the longest allowed body as one sentence.
/// </summary>
internal static class InjectionBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "eval/triage/eshop-dev.train.jsonl";
        var texts = File.ReadLines(file).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => $"{(e.TryGetProperty("subject", out var s) ? s.GetString() : "")}\n{(e.TryGetProperty("body", out var b) ? b.GetString() : "")}").ToList();
        var learned = args.Contains("--rules") ? null : InstructionClassifier.TrainShipped([]);
        // Measured twice: right after one pass, and settled. .NET first runs quickly compiled code and recompiles hot
        // methods optimised in the background (after 30 calls and a 100 ms delay, queued behind everything else the
        // process ran, ML.NET's training included): on one core that took 6–12 s here. A server that has run a
        // minute runs the settled code; the first figure is what its first tickets see.
        foreach (var t in texts) InjectionDetector.Detect(t, learned, message: true);
        Measure("after one pass");
        for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(15);)
            foreach (var t in texts) InjectionDetector.Detect(t, learned, message: true);
        Measure("settled (after 15 s)");

        void Measure(string when)
        {
            var times = new List<double>();
            var flagged = 0;
            for (var pass = 0; pass < 2; pass++)
                foreach (var t in texts)
                {
                    var watch = Stopwatch.StartNew();
                    if (InjectionDetector.Detect(t, learned, message: true).Flagged) flagged++;
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            times.Sort();
            Console.WriteLine($"{texts.Count} tickets × 2, mean {texts.Average(t => t.Length):0} characters, {when}: detect p50 {times[times.Count / 2]:0.000} ms, " +
                              $"p95 {times[(int)(times.Count * 0.95)]:0.000} ms, max {times[^1]:0.000} ms; flagged {flagged / 2} ({(learned is null ? "rules" : "rules + learned")})");
        }
        // The worst case we accept: the longest body a ticket may have, one "sentence" (no full stop, no line break) with a
        // capital every few words — every capital after a lower-case word starts a tail the classifier scores.
        var words = new[] { "please", "Check", "the", "Router", "again", "and", "Tell", "me", "Why", "it", "fails" };
        var longest = string.Join(' ', Enumerable.Range(0, Core.Tickets.NewTicket.MaxBody / 4).Select(i => words[i % words.Length]))[..Core.Tickets.NewTicket.MaxBody];
        InjectionDetector.Detect(longest, learned, message: true);
        var once = Stopwatch.StartNew();
        InjectionDetector.Detect(longest, learned, message: true);
        Console.WriteLine($"longest allowed body ({longest.Length:N0} characters, no sentence end): {once.Elapsed.TotalMilliseconds:0} ms");
        return Task.FromResult(0);
    }
}
