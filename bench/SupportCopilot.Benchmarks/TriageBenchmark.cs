using System.Diagnostics;
using System.Text.Json;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Benchmarks;

/// <summary>
/// Triage on the ML.NET path: training time for every field on N tickets, and the time to classify one ticket on
/// all fields (category, type, priority classifiers + language detector + sentiment lexicon), p50/p95.
/// The corpus is the eShopSupport dev tickets (or any triage .jsonl), repeated with a varying suffix up to N.
/// </summary>
internal static class TriageBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "eval/triage/eshop-dev.train.jsonl";
        var n = int.Parse(args.SkipWhile(a => a != "--tickets").Skip(1).FirstOrDefault() ?? "10000");
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var source = File.ReadLines(file).Where(l => l.Trim().Length > 0).Select(l => JsonSerializer.Deserialize<Row>(l, json)!).ToList();
        var random = new Random(11);
        string[] noise = ["please help", "order 1234", "since yesterday", "urgent", "thanks in advance", "see attached photo", "bought last month"];
        var rows = Enumerable.Range(0, n).Select(i =>
        {
            var r = source[i % source.Count];
            return r with { Body = $"{r.Body} {noise[random.Next(noise.Length)]} {i}" };
        }).ToList();

        var classifiers = new Dictionary<string, FieldClassifier>();
        var total = Stopwatch.StartNew();
        foreach (var field in new[] { "category", "type", "priority" })
        {
            var examples = rows.Where(r => r.Labels.ContainsKey(field)).Select(r => (TriageText.Prepare(r.Subject, r.Body), r.Labels[field])).ToList();
            if (examples.Select(e => e.Item2).Distinct().Count() < 2) continue;
            var watch = Stopwatch.StartNew();
            classifiers[field] = FieldClassifier.Train(examples);
            Console.WriteLine($"train {field,-9} {examples.Count} tickets, {examples.Select(e => e.Item2).Distinct().Count()} classes: {watch.Elapsed.TotalSeconds:0.0} s");
        }
        Console.WriteLine($"train all fields: {total.Elapsed.TotalSeconds:0.0} s");

        var times = new List<double>();
        foreach (var r in rows.Take(1200))
        {
            var watch = Stopwatch.StartNew();
            var text = TriageText.Prepare(r.Subject, r.Body);
            foreach (var c in classifiers.Values) c.Predict(text);
            LanguageDetector.Detect(text);
            SentimentLexicon.Detect(text);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times = times.Skip(200).Order().ToList(); // the first 200 warm up the JIT
        Console.WriteLine($"classify one ticket, all fields: p50 {times[times.Count / 2]:0.00} ms, p95 {times[(int)(times.Count * 0.95)]:0.00} ms");
        return Task.FromResult(0);
    }

    private sealed record Row(string? Subject, string Body, Dictionary<string, string> Labels);
}
