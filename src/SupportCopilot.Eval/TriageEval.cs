using System.Diagnostics;
using System.Text.Json;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Eval;

public sealed record TriageExample(string? Subject, string? Body, Dictionary<string, string>? Labels, string? Id = null);

/// <summary>
/// Trains the triage classifiers on one file and scores another: per field accuracy, macro-F1, per-class precision
/// and recall, the confusion matrix and accuracy by confidence bucket, next to a majority-class baseline.
/// Language is detected (not trained); the other fields get an ML.NET classifier when the training file has two classes or more.
/// </summary>
internal static class TriageEval
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        if (!o.TryGetValue("train", out var trainFile) || !o.TryGetValue("test", out var testFile)) return CommandLine.Usage();
        var train = Read(trainFile);
        var test = Read(testFile);
        var report = new Dictionary<string, object> { ["train"] = train.Count, ["test"] = test.Count };
        var fields = test.SelectMany(t => t.Labels?.Keys.AsEnumerable() ?? []).Distinct().Order().ToList();
        foreach (var field in fields)
        {
            var trainPairs = train.Where(t => t.Labels?.ContainsKey(field) == true).Select(t => (TriageText.Prepare(t.Subject, t.Body), t.Labels![field])).ToList();
            var testPairs = test.Where(t => t.Labels?.ContainsKey(field) == true).Select(t => (Text: TriageText.Prepare(t.Subject, t.Body), Label: t.Labels![field])).ToList();
            var majority = trainPairs.GroupBy(p => p.Item2).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
            Func<string, (string, double)> predict;
            var engine = "ml.net";
            var watch = Stopwatch.StartNew();
            if (field == "language") { predict = LanguageDetector.Detect; engine = "detector"; }
            else if (trainPairs.Select(p => p.Item2).Distinct().Count() >= 2) { var c = FieldClassifier.Train(trainPairs); predict = c.Predict; }
            else { report[field] = new { skipped = "fewer than two classes in the training file" }; continue; }
            var trainSeconds = watch.Elapsed.TotalSeconds;
            var predictions = testPairs.Select(p => (p.Label, Predicted: predict(p.Text))).ToList();
            report[field] = Score(predictions.Select(p => (p.Label, p.Predicted.Item1, p.Predicted.Item2)).ToList(), majority, engine, trainSeconds,
                testPairs.Select(p => p.Label).Where(l => trainPairs.All(t => t.Item2 != l)).Distinct().ToList());
        }
        Print(report);
        if (o.TryGetValue("json", out var json)) await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, Json));
        return 0;
    }

    private static List<TriageExample> Read(string file) => File.ReadLines(file).Where(l => l.Trim().Length > 0)
        .Select(l => JsonSerializer.Deserialize<TriageExample>(l, Json)!).ToList();

    internal static object Score(List<(string Actual, string Predicted, double Confidence)> rows, string? majority, string engine, double trainSeconds, List<string> unseen)
    {
        var classes = rows.Select(r => r.Actual).Concat(rows.Select(r => r.Predicted)).Distinct().Order().ToList();
        var perClass = classes.ToDictionary(c => c, c =>
        {
            var tp = rows.Count(r => r.Actual == c && r.Predicted == c);
            var predicted = rows.Count(r => r.Predicted == c);
            var actual = rows.Count(r => r.Actual == c);
            var precision = predicted == 0 ? 0 : (double)tp / predicted;
            var recall = actual == 0 ? 0 : (double)tp / actual;
            return new { precision = R(precision), recall = R(recall), f1 = R(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)), support = actual };
        });
        double[] edges = [0, 0.5, 0.7, 0.9, 1.0001];
        return new
        {
            engine,
            trainSeconds = R(trainSeconds),
            accuracy = R(rows.Count == 0 ? 0 : rows.Count(r => r.Actual == r.Predicted) / (double)rows.Count),
            macroF1 = R(perClass.Values.Where(v => v.support > 0).Select(v => v.f1).DefaultIfEmpty(0).Average()),
            majorityBaseline = new { label = majority, accuracy = R(rows.Count == 0 ? 0 : rows.Count(r => r.Actual == majority) / (double)rows.Count) },
            perClass,
            confusion = classes.ToDictionary(a => a, a => classes.ToDictionary(p => p, p => rows.Count(r => r.Actual == a && r.Predicted == p))),
            calibration = edges.Zip(edges.Skip(1)).Select(b =>
            {
                var bucket = rows.Where(r => r.Confidence >= b.First && r.Confidence < b.Second).ToList();
                return new { range = $"{b.First:0.0}-{Math.Min(1, b.Second):0.0}", count = bucket.Count, accuracy = bucket.Count == 0 ? (double?)null : R(bucket.Count(r => r.Actual == r.Predicted) / (double)bucket.Count) };
            }).ToList(),
            unseenTestLabels = unseen,
        };
    }

    private static void Print(Dictionary<string, object> report)
    {
        Console.WriteLine($"train {report["train"]}, test {report["test"]}");
        Console.WriteLine("| field | engine | accuracy | macro-F1 | majority baseline | train s |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (field, value) in report.Where(kv => kv.Value is not int))
        {
            var e = JsonSerializer.SerializeToElement(value, Json);
            if (e.TryGetProperty("skipped", out var why)) { Console.WriteLine($"| {field} | skipped: {why} | | | | |"); continue; }
            Console.WriteLine($"| {field} | {e.GetProperty("engine")} | {e.GetProperty("accuracy")} | {e.GetProperty("macroF1")} | {e.GetProperty("majorityBaseline").GetProperty("accuracy")} ({e.GetProperty("majorityBaseline").GetProperty("label")}) | {e.GetProperty("trainSeconds")} |");
        }
        foreach (var (field, value) in report.Where(kv => kv.Value is not int))
        {
            var e = JsonSerializer.SerializeToElement(value, Json);
            if (e.TryGetProperty("calibration", out var cal)) Console.WriteLine($"{field} calibration: {cal.GetRawText().Replace("\n", "").Replace("  ", "")}");
        }
    }

    private static double R(double v) => Math.Round(v, 3);
}
