namespace SupportCopilot.Core.Triage;

/// <summary>
/// "How many tickets can triage decide alone, and how often is it right then": the confidence threshold that keeps
/// the precision of the predictions above it at a target (chosen on held-back labelled tickets), and what that
/// threshold gives on others. Zendesk's fit check asks the same question before it switches triage on.
/// </summary>
public static class TriageCoverage
{
    /// <summary>At least this many predictions must clear a threshold for its precision to mean anything.</summary>
    public const int MinSupport = 10;

    /// <summary>The lowest confidence at which the predictions from there up are right at least <paramref name="precision"/>
    /// of the time (so the most tickets are covered), or null when no threshold reaches it.</summary>
    public static double? Threshold(IReadOnlyList<(string Actual, (string Label, double Confidence) Predicted)> rows, double precision)
    {
        var sorted = rows.OrderByDescending(r => r.Predicted.Confidence).ToList();
        double? best = null;
        var right = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Actual == sorted[i].Predicted.Label) right++;
            var tieFollows = i + 1 < sorted.Count && sorted[i + 1].Predicted.Confidence == sorted[i].Predicted.Confidence;
            if (!tieFollows && i + 1 >= MinSupport && right >= precision * (i + 1)) best = sorted[i].Predicted.Confidence;
        }
        return best;
    }

    public sealed record Figures(double? Threshold, double Coverage, double? Precision, int Confident, int Tickets);

    /// <summary>The share of tickets at or above the threshold and how many of those are right (null threshold: none).</summary>
    public static Figures At(IReadOnlyList<(string Actual, (string Label, double Confidence) Predicted)> rows, double? threshold, double target)
    {
        var confident = threshold is { } t ? rows.Where(r => r.Predicted.Confidence >= t).ToList() : [];
        return new Figures(threshold, rows.Count == 0 ? 0 : Math.Round((double)confident.Count / rows.Count, 3),
            confident.Count == 0 ? null : Math.Round((double)confident.Count(r => r.Actual == r.Predicted.Label) / confident.Count, 3), confident.Count, rows.Count);
    }
}
