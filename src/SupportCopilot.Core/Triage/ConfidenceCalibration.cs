namespace SupportCopilot.Core.Triage;

/// <summary>
/// Isotonic calibration of a field's confidence (issue 19.2): the fit check's held-back predictions, sorted by raw
/// confidence, are pooled into blocks whose share of right predictions never falls as confidence rises (pool adjacent
/// violators); a raw confidence then reads as its block's share — "this share of such predictions is right". Each
/// block's share is smoothed ((right + 1) / (n + 2)) so that three lucky tickets never claim 100 %.
/// </summary>
public sealed record ConfidenceCalibration(IReadOnlyList<double> Upper, IReadOnlyList<double> Accuracy)
{
    /// <summary>Fewer held-back predictions than this leave confidences raw.</summary>
    public const int MinPredictions = 20;

    public static ConfidenceCalibration? Fit(IReadOnlyList<(double Confidence, bool Right)> predictions)
    {
        if (predictions.Count < MinPredictions) return null;
        // Blocks of (upper confidence, right, count), merged while a block is more often right than the next one up.
        var blocks = new List<(double Upper, double Right, int Count)>();
        foreach (var group in predictions.GroupBy(p => p.Confidence).OrderBy(g => g.Key))
        {
            blocks.Add((group.Key, group.Count(p => p.Right), group.Count()));
            while (blocks.Count > 1 && blocks[^2].Right / blocks[^2].Count >= blocks[^1].Right / blocks[^1].Count)
            {
                var (low, high) = (blocks[^2], blocks[^1]);
                blocks.RemoveRange(blocks.Count - 2, 2);
                blocks.Add((high.Upper, low.Right + high.Right, low.Count + high.Count));
            }
        }
        var accuracy = new List<double>();
        foreach (var b in blocks) accuracy.Add(Math.Max(accuracy.LastOrDefault(), Math.Round((b.Right + 1) / (b.Count + 2), 4)));
        return new ConfidenceCalibration(blocks.Select(b => b.Upper).ToList(), accuracy);
    }

    /// <summary>The calibrated confidence: the share right in the first block reaching this raw confidence (the top
    /// block's above them all).</summary>
    public double Apply(double raw)
    {
        for (var i = 0; i < Upper.Count; i++)
            if (raw <= Upper[i]) return Accuracy[i];
        return Accuracy[^1];
    }
}
