namespace SupportCopilot.Eval;

/// <param name="Heading">Optional: the hit's heading path must contain it (case-insensitive).</param>
public sealed record ExpectedPassage(string Document, int? Page, string? Heading = null);

/// <param name="MustContain">The answer's key sentences (or phrases): a complete draft contains each of them.</param>
public sealed record EvalQuestion(string Question, IReadOnlyList<ExpectedPassage> Expected, string? Id = null, string? Language = null,
    IReadOnlyList<string>? MustContain = null)
{
    /// <summary>A question file: one JSON object a line, blank lines skipped.</summary>
    public static List<EvalQuestion> ReadAll(string file) => File.ReadLines(file).Where(l => l.Trim().Length > 0)
        .Select(l => System.Text.Json.JsonSerializer.Deserialize<EvalQuestion>(l, Options)!).ToList();

    private static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web);
}

/// <summary>One question's outcome: the 1-based ranks of relevant hits, how many relevant chunks exist, latency and confidence.</summary>
public sealed record QuestionOutcome(EvalQuestion Question, IReadOnlyList<int> RelevantRanks, int RelevantInCorpus, double LatencyMs, double Confidence);

/// <summary>
/// Standard ranking metrics with binary relevance. A hit is relevant when it comes from an expected document and,
/// if a page is given, that page. recall@k here is "at least one relevant hit in the top k" (success@k), the
/// number that matters when a draft is built from the top passages.
/// </summary>
public static class RetrievalMetrics
{
    public static double RecallAt(IReadOnlyList<QuestionOutcome> outcomes, int k) =>
        outcomes.Count == 0 ? 0 : outcomes.Count(o => o.RelevantRanks.Any(r => r <= k)) / (double)outcomes.Count;

    public static double Mrr(IReadOnlyList<QuestionOutcome> outcomes) =>
        outcomes.Count == 0 ? 0 : outcomes.Average(o => o.RelevantRanks.Count == 0 ? 0 : 1.0 / o.RelevantRanks.Min());

    public static double NdcgAt(IReadOnlyList<QuestionOutcome> outcomes, int k) => outcomes.Count == 0 ? 0 : outcomes.Average(o =>
    {
        var dcg = o.RelevantRanks.Where(r => r <= k).Sum(r => 1 / Math.Log2(r + 1));
        var ideal = Enumerable.Range(1, Math.Min(k, Math.Max(1, o.RelevantInCorpus))).Sum(r => 1 / Math.Log2(r + 1));
        return dcg / ideal;
    });

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return 0;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
