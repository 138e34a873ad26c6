using System.ComponentModel.DataAnnotations;

namespace SupportCopilot.Core.Triage;

public sealed class TriageOptions
{
    public const string Section = "Triage";
    /// <summary>A ticket whose least certain field is below this is marked "needs human triage" — for fields whose fit
    /// check had too few held-back tickets to choose their own threshold (and for language).</summary>
    [Range(0.0, 1.0)] public double ConfidenceThreshold { get; set; } = 0.5;
    /// <summary>Each trained field's needs-human threshold is the lowest confidence at which its predictions on held-back
    /// labelled tickets were right this often (the fit check); a field that never gets there stays with agents.</summary>
    [Range(0.5, 1.0)] public double TargetPrecision { get; set; } = 0.8;
    /// <summary>A field whose fit check could decide fewer than this share of held-back tickets at the target precision
    /// stays with agents (all its guesses need a human) until more labels make it worth switching on.</summary>
    [Range(0.0, 1.0)] public double MinConfidentShare { get; set; } = 0.1;
    /// <summary>Labelled tickets a field needs before a classifier is trained for it.</summary>
    [Range(2, 100_000)] public int MinExamples { get; set; } = 20;

    /// <summary>After this many agent corrections since the last training, the triage job retrains.</summary>
    [Range(1, 100_000)] public int RetrainAfterCorrections { get; set; } = 20;

    public static readonly IReadOnlyList<string> Types = ["question", "problem", "refund/return", "complaint", "feature request", "other"];
    public static readonly IReadOnlyList<string> Priorities = ["low", "medium", "high", "urgent"];
    public static readonly IReadOnlyList<string> Sentiments = ["negative", "neutral", "positive"];

    /// <summary>The fields the classifiers learn (each once it has enough labels); language always comes from the detector.</summary>
    public static readonly IReadOnlyList<string> TrainedFields = ["category", "type", "priority", "sentiment"];
}
