using System.Text.Json;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Drafting;

/// <summary>
/// How likely a draft's quoted passage is the right one, as a probability: a logistic model (Platt scaling) of two
/// things retrieval knows — the share of the query's terms the quoted passage covers, and how far the best hit stands
/// ahead of the second (their fused scores' relative gap) — fitted on labelled question sets with each set weighing the
/// same (knowledge samples, eShop manuals, the real TV manual of E-Manual QA). The gap is what all three sets agree on;
/// term coverage alone ranked the samples' drafts differently from the TV manual's. Written by the eval CLI
/// (`calibrate`, eval/README.md) and embedded (Drafting/draft-calibration.json); the chip's colour and words follow it.
/// </summary>
public sealed class DraftCalibration
{
    public IReadOnlyList<string> FittedOn { get; init; } = [];
    public int Drafts { get; init; }
    public double Bias { get; init; }
    public double Coverage { get; init; }
    public double Margin { get; init; }

    public static readonly DraftCalibration Default = Load();

    /// <summary>The probability that a quote with this term coverage, from a ranking with this lead, is a relevant passage.</summary>
    public double Probability(double coverage, double margin) => 1 / (1 + Math.Exp(-(Bias + Coverage * coverage + Margin * margin)));

    /// <summary>How far the best hit leads the second, relative to the best (0: a tie, 1: alone). Scale-free, so lexical,
    /// hybrid and Qdrant scores read alike.</summary>
    public static double MarginOf(IReadOnlyList<SearchHit> hits) =>
        hits.Count < 2 || hits[0].Score <= 0 ? 1 : Math.Clamp((hits[0].Score - hits[1].Score) / hits[0].Score, 0, 1);

    public static DraftCalibration Parse(string json)
    {
        var table = JsonSerializer.Deserialize<DraftCalibration>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException("Empty draft calibration.");
        if (new[] { table.Bias, table.Coverage, table.Margin }.Any(w => !double.IsFinite(w)))
            throw new InvalidDataException("The draft calibration's weights must be finite numbers.");
        return table;
    }

    private static DraftCalibration Load()
    {
        using var stream = typeof(DraftCalibration).Assembly.GetManifestResourceStream("SupportCopilot.Core.Drafting.draft-calibration.json")
            ?? throw new InvalidOperationException("The embedded draft calibration is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
