namespace SupportCopilot.Core.Triage;

/// <summary>
/// One triage field's prediction: the n-gram classifier's probabilities mixed with the neighbour vote's (when the
/// ticket could be embedded with the model the neighbours were; at the weight the field's fit check chose, else evenly),
/// then divided by √(class share in training) and renormalised. The √prior correction stops the commonest label from swallowing the rest: on real tickets it raised
/// macro-F1 on every field and set (eval/README.md, issue 19). Chosen by evidence: averaging beat either part alone
/// on most field/set pairs and was never the worst.
/// </summary>
public sealed class FieldPredictor(FieldClassifier classifier, NeighbourVote? neighbours, IReadOnlyDictionary<string, double> priors)
{
    /// <summary>The field's fit check (its needs-human threshold), when it was trained with one.</summary>
    public FitCheck? Fit { get; init; }

    /// <summary>Exponent of the prior correction: 0 is none, 1 divides by the prior (favours rare classes too much).</summary>
    public const double PriorExponent = 0.5;

    public FieldClassifier Classifier => classifier;
    public NeighbourVote? Neighbours => neighbours;
    /// <summary>Each class's share of the training examples (the prior correction's divisor).</summary>
    public IReadOnlyDictionary<string, double> ClassShares => priors;
    public IReadOnlyList<string> Classes => classifier.Classes;

    /// <summary>The neighbour vote's share when it is averaged with the n-grams, when the fit check has not chosen one.</summary>
    public const double DefaultNeighbourWeight = 0.5;

    /// <summary>The neighbour vote's share in the average: the fit check chooses it per field on held-back tickets.</summary>
    public double NeighbourWeight => Fit?.NeighbourWeight ?? DefaultNeighbourWeight;

    /// <param name="embedding">The ticket's embedding by <see cref="NeighbourVote.Model"/>; null: n-grams alone.</param>
    public (string Label, double Confidence) Predict(string text, ReadOnlySpan<float> embedding = default)
    {
        var votes = neighbours is not null && !embedding.IsEmpty ? neighbours.Probabilities(embedding) : null;
        var (label, confidence) = Combine(classifier.Probabilities(text), votes, NeighbourWeight);
        // Calibrated by the fit check's held-back predictions, when the field has them: the share of such guesses that are right.
        return (label, Fit?.Calibration?.Apply(confidence) ?? confidence);
    }

    /// <summary>The uncalibrated guess from the two parts' probabilities (votes null: n-grams alone), prior-corrected.</summary>
    internal (string Label, double Confidence) Combine(double[] ngrams, double[]? votes, double neighbourWeight)
    {
        var adjusted = Distribution(ngrams, votes, neighbourWeight);
        var best = Array.IndexOf(adjusted, adjusted.Max());
        return (Classes[best], Math.Round(adjusted[best], 4));
    }

    /// <summary>The prior-corrected class probabilities (in <see cref="Classes"/> order) the guess is the largest of.</summary>
    internal double[] Distribution(double[] ngrams, double[]? votes, double neighbourWeight)
    {
        var p = votes is null ? ngrams : ngrams.Select((x, i) => (1 - neighbourWeight) * x + neighbourWeight * votes[i]).ToArray();
        var adjusted = p.Select((x, i) => x / Math.Pow(Math.Max(priors.GetValueOrDefault(Classes[i]), 1e-6), PriorExponent)).ToArray();
        var sum = adjusted.Sum();
        return sum == 0 ? adjusted : adjusted.Select(x => x / sum).ToArray();
    }

    /// <summary>Trains the n-gram classifier and, with an embedding model, the neighbour vote over the examples that
    /// have an embedding (an empty ticket has none).</summary>
    public static FieldPredictor Train(IReadOnlyList<(string Text, string Label, float[]? Vector)> examples, string? embeddingModel)
    {
        var classifier = FieldClassifier.Train(examples.Select(e => (e.Text, e.Label)).ToList());
        var embedded = examples.Where(e => e.Vector is not null).Select(e => (e.Vector!, e.Label)).ToList();
        var neighbours = embeddingModel is null || embedded.Count == 0 ? null : new NeighbourVote(embeddingModel, classifier.Classes, embedded);
        return new FieldPredictor(classifier, neighbours, Priors(examples.Select(e => e.Label)));
    }

    public static IReadOnlyDictionary<string, double> Priors(IEnumerable<string> labels) =>
        Priors(labels.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));

    /// <summary>Each class's share of the training examples, from their counts.</summary>
    public static IReadOnlyDictionary<string, double> Priors(IReadOnlyDictionary<string, int> counts)
    {
        var total = Math.Max(1, counts.Values.Sum());
        return counts.ToDictionary(c => c.Key, c => (double)c.Value / total, StringComparer.Ordinal);
    }
}
