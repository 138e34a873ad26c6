namespace SupportCopilot.Core.Triage;

public enum FitVerdict { On, Manual, TooFewLabels }

/// <summary>
/// A field's fit check, like Zendesk's before it switches triage on: a model trained on four fifths of the labelled
/// tickets predicts the fifth it has not seen; the lowest confidence at which those predictions are right at the
/// target precision becomes the field's needs-human threshold, and the share above it says how much triage can
/// decide alone. The held-back predictions also calibrate the field's confidences (<see cref="Calibration"/>), and the
/// threshold is chosen on the calibrated ones, which is what the product compares it with. Stored with the model (JSON)
/// and shown on /admin/triage.
/// </summary>
public sealed record FitCheck(FitVerdict Verdict, double TargetPrecision, int HeldBack, double? Threshold, double Coverage, double? Precision,
    IReadOnlyDictionary<string, ClassFit> PerClass, ConfidenceCalibration? Calibration = null, double MinCoverage = 0, double? NeighbourWeight = null)
{
    /// <summary>Fewer held-back tickets than this cannot show a precision; the field keeps Triage:ConfidenceThreshold.</summary>
    public const int MinHeldBack = 20;

    /// <param name="minCoverage">A field that could decide fewer than this share of tickets alone stays with agents
    /// (Triage:MinConfidentShare): switching triage on for a sliver of tickets is not worth an agent's trust in it.</param>
    public static FitCheck Run(IReadOnlyList<(string Text, string Label, float[]? Vector)> examples, string? embeddingModel, double targetPrecision,
        double minCoverage = 0)
    {
        // Every fifth distinct text is held back with all its copies: a ticket seen in training (templated mail, a
        // resent message) would otherwise be judged on its own label and make any field look perfect.
        var group = examples.Select(e => e.Text).Distinct(StringComparer.Ordinal).Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i % 5 == 4, StringComparer.Ordinal);
        var held = examples.Where(e => group[e.Text]).ToList();
        var fit = examples.Where(e => !group[e.Text]).ToList();
        if (held.Count < MinHeldBack || fit.Select(e => e.Label).Distinct().Count() < 2)
            return new FitCheck(FitVerdict.TooFewLabels, targetPrecision, held.Count, null, 0, null, new Dictionary<string, ClassFit>());
        var predictor = FieldPredictor.Train(fit, embeddingModel);
        var parts = held.Select(e => (e.Label, Ngrams: predictor.Classifier.Probabilities(e.Text),
            Votes: predictor.Neighbours is not null && e.Vector is not null ? predictor.Neighbours.Probabilities(e.Vector) : null)).ToList();
        // How much the neighbours should count depends on the field and the tickets (they carry queues and priorities that
        // words miss, and miss types that words carry): the weight whose held-back guesses have the best macro-F1, when it
        // beats the even mix by a point or more — a smaller gain is what a couple of held-back tickets change.
        double? weight = null;
        if (predictor.Neighbours is not null)
        {
            var f1 = NeighbourWeights.ToDictionary(w => w, w => MacroF1(parts.Select(p => (p.Label, predictor.Combine(p.Ngrams, p.Votes, w).Label)).ToList()));
            var best = f1.MaxBy(kv => kv.Value);
            weight = best.Value >= f1[FieldPredictor.DefaultNeighbourWeight] + WeightMargin ? best.Key : FieldPredictor.DefaultNeighbourWeight;
        }
        var raw = parts.Select(p => (p.Label, Predicted: predictor.Combine(p.Ngrams, p.Votes, weight ?? FieldPredictor.DefaultNeighbourWeight))).ToList();
        var calibration = ConfidenceCalibration.Fit(raw.Select(r => (r.Predicted.Confidence, r.Predicted.Label == r.Label)).ToList());
        var rows = raw.Select(r => (r.Label, (r.Predicted.Label, calibration?.Apply(r.Predicted.Confidence) ?? r.Predicted.Confidence))).ToList();
        var threshold = TriageCoverage.Threshold(rows, targetPrecision);
        var at = TriageCoverage.At(rows, threshold, targetPrecision);
        var perClass = Counts(rows.Select(r => (r.Label, r.Item2.Label)).ToList()).ToDictionary(c => c.Class, c => new ClassFit(
            c.Predicted == 0 ? 0 : Math.Round((double)c.Right / c.Predicted, 3), c.Actual == 0 ? 0 : Math.Round((double)c.Right / c.Actual, 3), c.Actual));
        var on = threshold is not null && at.Coverage >= minCoverage;
        return new FitCheck(on ? FitVerdict.On : FitVerdict.Manual, targetPrecision, held.Count, threshold, at.Coverage, at.Precision, perClass, calibration, minCoverage, weight);
    }

    /// <summary>The neighbour-vote shares the fit check tries: n-grams alone, neighbours alone, and three mixes.</summary>
    public static readonly double[] NeighbourWeights = [0, 0.25, 0.5, 0.75, 1];

    /// <summary>The held-back macro-F1 a weight must gain over the even mix to be chosen instead.</summary>
    public const double WeightMargin = 0.01;

    /// <summary>Macro-F1 over the classes that occur as labels or guesses.</summary>
    internal static double MacroF1(IReadOnlyList<(string Actual, string Predicted)> rows) =>
        Counts(rows).Select(c => c.Right == 0 ? 0 : 2.0 * c.Right / (c.Predicted + c.Actual)).DefaultIfEmpty(0).Average();

    /// <summary>Per class that occurs as a label or a guess (in order): guesses right, guesses made, labels held.</summary>
    private static IEnumerable<(string Class, int Right, int Predicted, int Actual)> Counts(IReadOnlyList<(string Actual, string Predicted)> rows) =>
        rows.Select(r => r.Actual).Concat(rows.Select(r => r.Predicted)).Distinct().Order().Select(c =>
            (c, rows.Count(r => r.Actual == c && r.Predicted == c), rows.Count(r => r.Predicted == c), rows.Count(r => r.Actual == c)));

    /// <summary>The plain verdict an admin reads: "Category: 38 % of tickets confidently, 81 % precision — on".</summary>
    public string Describe(string field)
    {
        var name = char.ToUpperInvariant(field[0]) + field[1..];
        return Verdict switch
        {
            FitVerdict.On => $"{name}: {Coverage:P0} of tickets confidently, {Precision:P0} precision — on",
            FitVerdict.Manual when Threshold is not null =>
                $"{name}: only {Coverage:P0} of tickets confidently ({Precision:P0} precision), under the {MinCoverage:P0} minimum — not enough labelled tickets yet, stays with agents",
            FitVerdict.Manual => $"{name}: no confidence level reaches {TargetPrecision:P0} precision on {HeldBack} held-back tickets — stays with agents",
            _ => $"{name}: only {HeldBack} held-back tickets, too few to check — the fixed threshold applies until more are labelled",
        };
    }
}

public sealed record ClassFit(double Precision, double Recall, int Support);
