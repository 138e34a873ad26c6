namespace SupportCopilot.Core.Drafting;

public enum ConfidenceLevel { Unsure, Weak, Check, Strong }

/// <summary>
/// What a draft's retrieval confidence means, in bands instead of a falsely precise percentage (issue 17.6). Share of
/// right top passages per band (retrieval eval's "calibration", bands &lt;0.35 / 0.35–0.6 / 0.6–0.8 / ≥0.8): the real TV
/// manual 0 / 0.32 / 0.43 / 0.72 (684 questions), eShop manuals –/–/–/0.90 (20), knowledge samples 0.47 / 0.69 / 0.85 /
/// 0.43 (60; the top band holds 7). Only the TV manual is monotonic, so the labels promise little: "strong" means
/// most terms are in the quoted passage, not that it is right; a calibrated score needs more labelled sets.
/// </summary>
public static class ConfidenceBand
{
    public const double StrongFrom = 0.8;
    public const double CheckFrom = 0.6;

    public static ConfidenceLevel Of(double confidence) =>
        confidence >= StrongFrom ? ConfidenceLevel.Strong : confidence >= CheckFrom ? ConfidenceLevel.Check
        : confidence >= ExtractiveDrafter.UnsureBelow ? ConfidenceLevel.Weak : ConfidenceLevel.Unsure;

    /// <summary>The words on the draft's chip.</summary>
    public static string Label(Draft draft) => draft.Kind switch
    {
        DraftKind.Escalation => "no answer found",
        DraftKind.Memory => $"past reply, {draft.Confidence:P0} similar ticket",
        _ => Of(draft.Confidence) switch
        {
            ConfidenceLevel.Strong => "strong evidence",
            ConfidenceLevel.Check => "evidence: check the quote",
            ConfidenceLevel.Weak => "weak evidence",
            _ => "unsure",
        },
    };
}
