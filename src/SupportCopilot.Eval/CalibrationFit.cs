using System.Text.Json;
using SupportCopilot.Core.Drafting;

namespace SupportCopilot.Eval;

/// <summary>
/// <c>calibrate --reports a.json,b.json,… [--out file.json]</c>: fits the draft calibration — logistic regression of
/// "the quoted passage is relevant" on term coverage and the best hit's lead (Platt scaling) — on the outcomes of several
/// <c>draft</c> reports, each set weighing the same so the largest does not decide alone, and checks it the honest way:
/// per set, the Brier score of a model fitted on the other sets only (leave one set out), beside coverage alone read as
/// a probability and a model of coverage alone.
/// </summary>
internal static class CalibrationFit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public sealed record Outcome(double Confidence, double Margin, bool Right);

    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        if (!o.TryGetValue("reports", out var list)) return CommandLine.Usage();
        var sets = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => (Name: Path.GetFileNameWithoutExtension(f), Outcomes: Read(f))).ToList();
        if (sets.Count == 0 || sets.Any(s => s.Outcomes.Count == 0)) { Console.Error.WriteLine("Every report needs outcomes (run `draft` with --json)."); return 2; }

        var all = Fit(sets.Select(s => (IReadOnlyList<Outcome>)s.Outcomes).ToList());
        Console.WriteLine($"p = sigmoid({all.Bias:0.000} + {all.Coverage:0.000}·coverage + {all.Margin:0.000}·lead)");
        Console.WriteLine("set: drafts, right | Brier: coverage as p · coverage-only model (other sets) · coverage+lead (other sets) · coverage+lead (all sets)");
        foreach (var (name, outcomes) in sets)
        {
            var others = sets.Where(s => s.Name != name).Select(s => (IReadOnlyList<Outcome>)s.Outcomes).ToList();
            var (withLead, coverageOnly) = (Fit(others), Fit(others, useMargin: false));
            Console.WriteLine($"  {name}: {outcomes.Count}, {outcomes.Count(x => x.Right)} | {Brier(outcomes, x => x.Confidence):0.000} · "
                + $"{Brier(outcomes, x => coverageOnly.Probability(x.Confidence, x.Margin)):0.000} · {Brier(outcomes, x => withLead.Probability(x.Confidence, x.Margin)):0.000} · "
                + $"{Brier(outcomes, x => all.Probability(x.Confidence, x.Margin)):0.000}");
            foreach (var (from, to) in new[] { (0.0, 0.5), (0.5, 0.8), (0.8, 1.01) })
            {
                var band = outcomes.Where(x => all.Probability(x.Confidence, x.Margin) is var p && p >= from && p < to).ToList();
                if (band.Count > 0) Console.WriteLine($"      p {from:0.0}–{Math.Min(1, to):0.0}: {band.Count(x => x.Right)}/{band.Count} right ({(double)band.Count(x => x.Right) / band.Count:0.00})");
            }
        }
        if (o.TryGetValue("out", out var output))
        {
            var file = new DraftCalibration
            {
                FittedOn = sets.Select(s => s.Name).ToList(), Drafts = sets.Sum(s => s.Outcomes.Count),
                Bias = Math.Round(all.Bias, 4), Coverage = Math.Round(all.Coverage, 4), Margin = Math.Round(all.Margin, 4),
            };
            await File.WriteAllTextAsync(output, JsonSerializer.Serialize(file, Json) + "\n");
            Console.WriteLine($"written to {output}");
        }
        return 0;
    }

    private static List<Outcome> Read(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        return doc.RootElement.TryGetProperty("outcomes", out var outcomes)
            ? outcomes.EnumerateArray().Select(e => new Outcome(e.GetProperty("confidence").GetDouble(), e.GetProperty("margin").GetDouble(), e.GetProperty("right").GetBoolean())).ToList()
            : [];
    }

    /// <summary>Weighted logistic regression by Newton's method (three weights: a closed 3×3 solve per step), each set
    /// weighing 1 in total; a small ridge keeps it finite when a set is all right.</summary>
    public static DraftCalibration Fit(IReadOnlyList<IReadOnlyList<Outcome>> sets, bool useMargin = true)
    {
        var rows = sets.SelectMany(set => set.Select(x => (X: new[] { 1, x.Confidence, useMargin ? x.Margin : 0 }, Y: x.Right ? 1.0 : 0.0, W: 1.0 / set.Count))).ToList();
        var w = new double[3];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var g = new double[3];
            var h = new double[3, 3];
            foreach (var (x, y, weight) in rows)
            {
                var p = 1 / (1 + Math.Exp(-(w[0] * x[0] + w[1] * x[1] + w[2] * x[2])));
                for (var i = 0; i < 3; i++)
                {
                    g[i] += weight * (p - y) * x[i];
                    for (var j = 0; j < 3; j++) h[i, j] += weight * p * (1 - p) * x[i] * x[j];
                }
            }
            for (var i = 0; i < 3; i++) { g[i] += 1e-3 * w[i]; h[i, i] += 1e-3; }
            var step = Solve(h, g);
            for (var i = 0; i < 3; i++) w[i] -= step[i];
            if (step.Max(Math.Abs) < 1e-9) break;
        }
        return new DraftCalibration { Bias = w[0], Coverage = w[1], Margin = w[2] };
    }

    /// <summary>Gaussian elimination for the 3×3 Newton step.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = new double[n, n + 1];
        for (var i = 0; i < n; i++) { for (var j = 0; j < n; j++) m[i, j] = a[i, j]; m[i, n] = b[i]; }
        for (var c = 0; c < n; c++)
        {
            var pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(m[r, c]));
            for (var j = 0; j <= n; j++) (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            for (var r = 0; r < n; r++)
            {
                if (r == c || m[c, c] == 0) continue;
                var f = m[r, c] / m[c, c];
                for (var j = c; j <= n; j++) m[r, j] -= f * m[c, j];
            }
        }
        return Enumerable.Range(0, n).Select(i => m[i, i] == 0 ? 0 : m[i, n] / m[i, i]).ToArray();
    }

    /// <summary>Mean squared error of the probabilities: 0 is perfect, 0.25 is a coin's.</summary>
    public static double Brier(IReadOnlyList<Outcome> outcomes, Func<Outcome, double> probability) =>
        outcomes.Average(x => Math.Pow(probability(x) - (x.Right ? 1 : 0), 2));
}
