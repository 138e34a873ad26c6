namespace SupportCopilot.Eval.Tests;

/// <summary>The paired comparison behind every "B beats A" claim: wins, losses, ties and the exact sign test.</summary>
public class RetrievalCompareTests
{
    [Theory]
    [InlineData(0, 0, 1.0)]
    [InlineData(5, 0, 0.0625)]    // 2 × (½)^5
    [InlineData(9, 1, 0.021484375)] // 2 × (1 + 10) / 1024
    [InlineData(3, 3, 1.0)]
    [InlineData(10, 2, 0.0385742188)] // 2 × (1 + 12 + 66) / 4096
    public void SignTest_IsTheTwoSidedExactBinomialTest(int wins, int losses, double p) =>
        Assert.Equal(p, RetrievalCompare.SignTest(wins, losses), 6);

    [Fact]
    public void SignTest_StaysFinite_ForThousandsOfPairs()
    {
        Assert.InRange(RetrievalCompare.SignTest(1000, 1000), 0.98, 1.0);
        Assert.True(RetrievalCompare.SignTest(1100, 900) < 0.001);
    }

    [Fact]
    public void Compare_CountsWinsLossesAndTies_ByFirstRelevantRank()
    {
        // B better: 3→1, miss→4; B worse: 1→2; ties: 2→2, miss→miss.
        var result = RetrievalCompare.Compare([(3, 1), (null, 4), (1, 2), (2, 2), (null, null)]);

        Assert.Equal((2, 1, 2), (result.Wins, result.Losses, result.Ties));
        Assert.Equal(1.0, result.P, 6);
    }
}
