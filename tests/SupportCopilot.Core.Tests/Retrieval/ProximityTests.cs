using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Retrieval;

public class ProximityTests
{
    [Fact]
    public void Pairs_AreNeighbouringContentWords_NeverAcrossASentenceEnd()
    {
        var pairs = Proximity.Pairs("How do I reset the remote? It blinks red,\nthen the TV stays off.");

        Assert.Equal([("reset", "remote"), ("blinks", "red"), ("tv", "stays")], pairs);
    }

    [Fact]
    public void Pairs_OfALongTicket_AreCapped_AndRepeatsCountOnce()
    {
        var text = string.Join(" ", Enumerable.Range(1, 40).Select(i => $"word{i}")) + " word1 word2";

        var pairs = Proximity.Pairs(text);

        Assert.Equal(Proximity.MaxPairs, pairs.Count);
        Assert.Single(pairs, p => p == ("word1", "word2"));
    }

    [Theory]
    [InlineData("Hold reset on the remote for five seconds.", 1.0)]                 // 3 words apart, either order
    [InlineData("The remote has a reset key.", 1.0)]
    [InlineData("Replacing filters: see page 4.", 1.0)]                             // prefix match, as coverage does
    [InlineData("Reset the unit first. Then put new batteries into the remote.", 0.0)] // both words, too far apart
    [InlineData("Nothing relevant here.", 0.0)]
    public void Share_CountsPairsWithinTheWindow(string passage, double expected)
    {
        var pairs = passage.Contains("filter", StringComparison.OrdinalIgnoreCase) ? Proximity.Pairs("replace filter") : Proximity.Pairs("reset remote");

        Assert.Equal(expected, Proximity.Share(pairs, passage));
    }

    [Fact]
    public void Share_IsTheFractionOfPairsFound()
    {
        var pairs = Proximity.Pairs("reset remote. blinking light");

        Assert.Equal(0.5, Proximity.Share(pairs, "To reset the remote, hold both keys. The light stays on."));
        Assert.Equal(0, Proximity.Share([], "anything"));
    }
}
