namespace SupportCopilot.Core.Drafting;

public enum ConfidenceLevel { Unsure, Weak, Check, Strong }

/// <summary>
/// What a draft's evidence means, in bands instead of a falsely precise percentage (issue 17.6), by the calibrated
/// probability that the quoted passage is right (<see cref="DraftCalibration"/>): "likely right" from 0.8 (on the
/// labelled sets 0.95 / 1.00 / 0.89 of such drafts quoted a relevant passage: knowledge samples, eShop manuals, the TV
/// manual), "check the quote" from 0.5 (0.50 / 0.71 / 0.52), else "unsure". Drafts from before the calibration have no
/// probability and keep the bands of their raw term coverage.
/// </summary>
public static class ConfidenceBand
{
    public const double StrongFrom = 0.8;
    public const double CheckFrom = 0.5;
    // The old bands of raw term coverage, for drafts without a calibrated probability.
    private const double RawStrongFrom = 0.8, RawCheckFrom = 0.6;

    public static ConfidenceLevel Of(Draft draft) => draft.Evidence is { } p
        ? p >= StrongFrom ? ConfidenceLevel.Strong : p >= CheckFrom ? ConfidenceLevel.Check : ConfidenceLevel.Unsure
        : draft.Confidence >= RawStrongFrom ? ConfidenceLevel.Strong : draft.Confidence >= RawCheckFrom ? ConfidenceLevel.Check
        : draft.Confidence >= ExtractiveDrafter.UnsureBelow ? ConfidenceLevel.Weak : ConfidenceLevel.Unsure;

    /// <summary>The words on the draft's chip.</summary>
    public static string Label(Draft draft) => draft.Kind switch
    {
        DraftKind.Escalation => "no answer found",
        DraftKind.Memory => $"past reply, {draft.Confidence:P0} similar ticket",
        _ => Of(draft) switch
        {
            ConfidenceLevel.Strong => "likely right",
            ConfidenceLevel.Check => "evidence: check the quote",
            ConfidenceLevel.Weak => "weak evidence",
            _ => "unsure",
        },
    };

    /// <summary>The chip's tooltip: what the band stands on, with the number where it means something.</summary>
    public static string Explain(Draft draft) => draft.Evidence is { } p
        ? $"About {p:P0} of drafts with evidence like this quote the right passage (calibrated on {DraftCalibration.Default.Drafts} labelled questions); the quote covers {draft.Confidence:P0} of the question's terms"
        : $"The quote covers {draft.Confidence:P0} of the question's terms";
}
