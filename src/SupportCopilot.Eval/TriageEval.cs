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
        var precision = double.Parse(o.GetValueOrDefault("precision", "0.8"), System.Globalization.CultureInfo.InvariantCulture);
        // The product's embedding model for the neighbour vote, unless --lexical (n-grams alone).
        using var embedder = o.ContainsKey("lexical") ? null : new Core.Knowledge.LocalEmbeddingGenerator(o.GetValueOrDefault("embedding-model"));
        var watch = Stopwatch.StartNew();
        var trainVectors = await EmbedAsync(embedder, train);
        var testVectors = await EmbedAsync(embedder, test);
        var report = new Dictionary<string, object> { ["train"] = train.Count, ["test"] = test.Count, ["embedSeconds"] = R(watch.Elapsed.TotalSeconds),
            ["embeddingModel"] = EmbeddingModel(embedder) ?? "none" };
        var fields = test.SelectMany(t => t.Labels?.Keys.AsEnumerable() ?? []).Distinct().Order().ToList();
        foreach (var field in fields)
        {
            var trainRows = Labelled(train, field);
            var testRows = Labelled(test, field);
            var majority = trainRows.GroupBy(i => train[i].Labels![field]).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
            Func<int, (string, double)> predict;
            var engine = embedder is null ? "ml.net" : "ml.net + neighbours";
            watch.Restart();
            double? threshold = null;
            if (field == "language")
            {
                // Nothing is trained: the training file is held-out data for choosing the detector's threshold.
                predict = i => LanguageDetector.Detect(Text(test[i]));
                engine = "detector";
                threshold = TriageCoverage.Threshold(trainRows.Select(i => (train[i].Labels![field]!, LanguageDetector.Detect(Text(train[i])))).ToList(), precision);
            }
            else if (trainRows.Select(i => train[i].Labels![field]).Distinct().Count() >= 2)
            {
                // The confidence threshold for the target precision comes from the product's fit check on the training
                // file (a fifth of its distinct texts held back), never from the test file.
                var check = FitCheck.Run(Examples(train, trainVectors, trainRows, field), trainVectors is null ? null : "eval", precision);
                threshold = check.Threshold;
                report[field + ".neighbourWeight"] = check.NeighbourWeight?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default";
                // As TriageModels does: the fit check travels with the model, which calibrates its confidences.
                var predictor = Build(train, trainVectors, trainRows, field, check);
                (string, double) Guess(FieldPredictor p, int i)
                {
                    var (l, c) = p.Predict(Text(test[i]), testVectors?[i]);
                    if (field != "priority") return (l, c);
                    var a = UrgencySignals.Adjust(l, c, Text(test[i]), p.Classes.ToList()); // as TriageService does: urgency signals raise a low or medium guess
                    return (a.Label!, a.Confidence);
                }
                predict = i => Guess(predictor, i);
                // The same guesses without the calibration, for the Brier score before it (the chosen neighbour weight kept).
                var uncalibrated = new FieldPredictor(predictor.Classifier, predictor.Neighbours, predictor.ClassShares) { Fit = check with { Calibration = null } };
                report[field + ".brierUncalibrated"] = R(testRows.Select(i => (Guess: Guess(uncalibrated, i), Actual: test[i].Labels![field]))
                    .Select(x => Math.Pow(x.Guess.Item2 - (x.Guess.Item1 == x.Actual ? 1 : 0), 2)).DefaultIfEmpty(0).Average());
                if (o.ContainsKey("curve")) report[field + ".learningCurve"] = Curve(train, trainVectors, trainRows, field, test, testVectors, testRows, precision);
            }
            else { report[field] = new { skipped = "fewer than two classes in the training file" }; continue; }
            var trainSeconds = watch.Elapsed.TotalSeconds;
            var predictions = testRows.Select(i => (Actual: test[i].Labels![field]!, Predicted: predict(i), Language: test[i].Labels!.GetValueOrDefault("language"))).ToList();
            var rows = predictions.Select(p => (p.Actual, p.Predicted.Item1, p.Predicted.Item2)).ToList();
            report[field] = new Dictionary<string, object?>
            {
                ["score"] = Score(rows, majority, engine, trainSeconds, testRows.Select(i => test[i].Labels![field]!).Where(l => trainRows.All(t => train[t].Labels![field] != l)).Distinct().ToList()),
                ["coverage"] = TriageCoverage.At(rows.Select(r => (r.Actual, (r.Item2, r.Item3))).ToList(), threshold, precision),
                // The same figures per language: a field can be trusted in English and not in German.
                ["byLanguage"] = predictions.Where(p => p.Language is not null).GroupBy(p => p.Language!).ToDictionary(g => g.Key, g => new
                {
                    tickets = g.Count(), accuracy = R(g.Count(p => p.Actual == p.Predicted.Item1) / (double)g.Count()),
                    macroF1 = R(MacroF1(g.Select(p => (p.Actual, p.Predicted.Item1)).ToList())),
                    coverage = TriageCoverage.At(g.Select(p => (p.Actual, p.Predicted)).ToList(), threshold, precision),
                }),
                // Per test ticket (file order), right or wrong: two runs on the same files compare pairwise (wins/losses, sign test).
                ["right"] = rows.Select(r => r.Actual == r.Item2).ToList(),
            };
        }
        Print(report);
        if (o.TryGetValue("json", out var json)) await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, Json));
        return 0;
    }

    /// <summary>Rows that carry a label for the field: null, empty or missing labels are skipped, not a crash.</summary>
    private static List<int> Labelled(List<TriageExample> set, string field) =>
        set.Select((t, i) => (t, i)).Where(x => x.t.Labels?.GetValueOrDefault(field) is { } l && !string.IsNullOrWhiteSpace(l)).Select(x => x.i).ToList();

    private static string Text(TriageExample t) => TriageText.Prepare(t.Subject, t.Body);

    private static List<(string Text, string Label, float[]? Vector)> Examples(List<TriageExample> set, float[][]? vectors, List<int> rows, string field) =>
        rows.Select(i => (Text(set[i]), set[i].Labels![field]!, vectors?[i])).ToList();

    private static string? EmbeddingModel(Core.Knowledge.LocalEmbeddingGenerator? embedder) =>
        (embedder?.GetService(typeof(Microsoft.Extensions.AI.EmbeddingGeneratorMetadata)) as Microsoft.Extensions.AI.EmbeddingGeneratorMetadata)?.DefaultModelId;

    /// <summary>The product's predictor, trained as TriageModels trains it: n-gram classifier, neighbour vote, priors.</summary>
    private static FieldPredictor Build(List<TriageExample> set, float[][]? vectors, List<int> rows, string field, FitCheck? fit = null)
    {
        var trained = FieldPredictor.Train(Examples(set, vectors, rows, field), vectors is null ? null : "eval");
        return fit is null ? trained : new FieldPredictor(trained.Classifier, trained.Neighbours, trained.ClassShares) { Fit = fit };
    }

    /// <summary>Macro-F1 (overall and per language) after training on the first 50, 200, 1,000 and all labelled tickets (file order), each as the
    /// product trains: its own fit check on those tickets chooses the neighbour weight (and calibrates), so a point is
    /// what a deployment with that many labels would get — not the even mix.</summary>
    private static object Curve(List<TriageExample> train, float[][]? trainVectors, List<int> trainRows, string field,
        List<TriageExample> test, float[][]? testVectors, List<int> testRows, double precision) =>
        new[] { 50, 200, 1000, trainRows.Count }.Where(n => n <= trainRows.Count).Distinct().Select(n =>
        {
            var rows = trainRows.Take(n).ToList();
            if (rows.Select(i => train[i].Labels![field]).Distinct().Count() < 2) return (object)new { labelled = n, skipped = "one class" };
            var check = FitCheck.Run(Examples(train, trainVectors, rows, field), trainVectors is null ? null : "eval", precision);
            var predictor = Build(train, trainVectors, rows, field, check);
            var scored = testRows.Select(i => (Actual: test[i].Labels![field]!, Predicted: predictor.Predict(Text(test[i]), testVectors?[i]).Label)).ToList();
            var byLanguage = testRows.Select((i, k) => (Language: test[i].Labels!.GetValueOrDefault("language"), Row: scored[k])).Where(x => x.Language is not null)
                .GroupBy(x => x.Language!).ToDictionary(g => g.Key, g => R(MacroF1(g.Select(x => x.Row).ToList())));
            return new { labelled = n, neighbourWeight = check.NeighbourWeight?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default", accuracy = R(scored.Count(r => r.Actual == r.Predicted) / (double)scored.Count), macroF1 = R(MacroF1(scored)), macroF1ByLanguage = byLanguage };
        }).ToList();

    private static double MacroF1(List<(string Actual, string Predicted)> rows) => rows.Select(r => r.Actual).Distinct().Average(c =>
    {
        var tp = rows.Count(r => r.Actual == c && r.Predicted == c);
        var (predicted, actual) = (rows.Count(r => r.Predicted == c), rows.Count(r => r.Actual == c));
        var (p, rc) = (predicted == 0 ? 0 : (double)tp / predicted, actual == 0 ? 0 : (double)tp / actual);
        return p + rc == 0 ? 0 : 2 * p * rc / (p + rc);
    });

    private static async Task<float[][]?> EmbedAsync(Core.Knowledge.LocalEmbeddingGenerator? embedder, List<TriageExample> set)
    {
        if (embedder is null) return null;
        var vectors = new List<float[]>();
        foreach (var batch in set.Select(t => Text(t)).Select(t => t.Length > 2000 ? t[..2000] : t).Chunk(32))
            vectors.AddRange((await embedder.GenerateAsync(batch)).Select(e => e.Vector.ToArray()));
        return vectors.ToArray();
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
            // How far confidences are from being right (0 best; a constant 0.5 scores 0.25).
            brier = R(rows.Select(r => Math.Pow(r.Confidence - (r.Actual == r.Predicted ? 1 : 0), 2)).DefaultIfEmpty(0).Average()),
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
        Console.WriteLine($"train {report["train"]}, test {report["test"]}, embeddings {report["embeddingModel"]} ({report["embedSeconds"]} s)");
        Console.WriteLine("| field | engine | accuracy | macro-F1 | majority baseline | confident share (precision) | train s |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var fields = report.Where(kv => kv.Value is Dictionary<string, object?> || JsonSerializer.SerializeToElement(kv.Value, Json).ValueKind == JsonValueKind.Object)
            .Where(kv => !kv.Key.Contains('.')).ToList();
        foreach (var (field, value) in fields)
        {
            var e = JsonSerializer.SerializeToElement(value, Json);
            if (e.TryGetProperty("skipped", out var why)) { Console.WriteLine($"| {field} | skipped: {why} | | | | | |"); continue; }
            var score = e.GetProperty("score");
            var c = e.GetProperty("coverage");
            Console.WriteLine($"| {field} | {score.GetProperty("engine")} | {score.GetProperty("accuracy")} | {score.GetProperty("macroF1")} | " +
                $"{score.GetProperty("majorityBaseline").GetProperty("accuracy")} ({score.GetProperty("majorityBaseline").GetProperty("label")}) | " +
                $"{c.GetProperty("coverage")} ({c.GetProperty("precision")}) | {score.GetProperty("trainSeconds")} |");
        }
        foreach (var (field, value) in fields)
        {
            var e = JsonSerializer.SerializeToElement(value, Json);
            if (!e.TryGetProperty("score", out var score)) continue;
            Console.WriteLine($"{field} calibration (Brier {score.GetProperty("brier")}{(report.TryGetValue(field + ".brierUncalibrated", out var raw) ? $", uncalibrated {raw}" : "")}): {score.GetProperty("calibration").GetRawText().Replace("\n", "").Replace("  ", "")}");
            Console.WriteLine($"{field} by language: {e.GetProperty("byLanguage").GetRawText().Replace("\n", "").Replace("  ", "")}");
        }
        foreach (var (key, value) in report.Where(kv => kv.Key.EndsWith(".learningCurve", StringComparison.Ordinal)))
            Console.WriteLine($"{key}: {JsonSerializer.Serialize(value, Json).Replace("\n", "").Replace("  ", "")}");
    }

    private static double R(double v) => Math.Round(v, 3);
}
