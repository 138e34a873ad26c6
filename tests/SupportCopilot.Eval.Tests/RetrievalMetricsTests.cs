namespace SupportCopilot.Eval.Tests;

public class RetrievalMetricsTests
{
    private static readonly EvalQuestion Q = new("q", [new ExpectedPassage("a.pdf", 1)]);

    // Three questions: relevant at rank 1 (1 relevant chunk exists), at rank 3 (2 exist), not found (1 exists).
    private static readonly List<QuestionOutcome> Outcomes =
    [
        new(Q, [1], 1, 1, 0.9), new(Q, [3], 2, 2, 0.5), new(Q, [], 1, 3, 0.1),
    ];

    [Fact]
    public void RecallAt_CountsQuestionsWithARelevantHitInTopK()
    {
        Assert.Equal(1 / 3.0, RetrievalMetrics.RecallAt(Outcomes, 1), 6);
        Assert.Equal(1 / 3.0, RetrievalMetrics.RecallAt(Outcomes, 2), 6);
        Assert.Equal(2 / 3.0, RetrievalMetrics.RecallAt(Outcomes, 5), 6);
    }

    [Fact]
    public void Mrr_AveragesTheReciprocalOfTheFirstRelevantRank() =>
        Assert.Equal((1 + 1 / 3.0 + 0) / 3, RetrievalMetrics.Mrr(Outcomes), 6);

    [Fact]
    public void Ndcg_DividesByTheIdealOrderOfTheRelevantChunksThatExist()
    {
        // q1: 1/1; q2: (1/log2 4) / (1 + 1/log2 3) = 0.5 / 1.6309; q3: 0
        var expected = (1 + 0.5 / (1 + 1 / Math.Log2(3)) + 0) / 3;
        Assert.Equal(expected, RetrievalMetrics.NdcgAt(Outcomes, 10), 6);
    }

    [Fact]
    public void Percentile_IsTheNearestRank()
    {
        var values = Enumerable.Range(1, 10).Select(i => (double)i).Reverse().ToList();
        Assert.Equal((5.0, 10.0, 1.0), (RetrievalMetrics.Percentile(values, 50), RetrievalMetrics.Percentile(values, 95), RetrievalMetrics.Percentile(values, 1)));
    }

    [Fact]
    public void EmptySet_IsZeroNotAnError() =>
        Assert.Equal((0.0, 0.0, 0.0), (RetrievalMetrics.RecallAt([], 5), RetrievalMetrics.Mrr([]), RetrievalMetrics.NdcgAt([], 10)));
}
