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
    [InlineData("Hold reset on the remote for five seconds.", true)]                 // 3 words apart, either order
    [InlineData("The remote has a reset key.", true)]
    [InlineData("Replacing filters: see page 4.", true)]                             // prefix match, as coverage does
    [InlineData("Reset the unit first. Then put new batteries into the remote.", false)] // both words, too far apart
    [InlineData("Nothing relevant here.", false)]
    public void Near_IsTrueWhenThePairsWordsStandWithinTheWindow(string passage, bool expected)
    {
        var pairs = passage.Contains("filter", StringComparison.OrdinalIgnoreCase) ? Proximity.Pairs("replace filter") : Proximity.Pairs("reset remote");

        Assert.Equal(expected, Assert.Single(Proximity.Near(pairs, passage)));
    }

    [Fact]
    public void Shares_WeighAPairNearInEveryPassageLessThanARareOne()
    {
        var pairs = Proximity.Pairs("living room. reset remote");
        string[] passages =
        [
            "Place it in the living room. To reset the remote, hold both keys.", // both pairs
            "A living room of 30 m² needs the large model.",                      // only the common pair
            "The living room setting dims the display.",                          // only the common pair
            "Nothing here.",
        ];

        var shares = Proximity.Shares(pairs, passages);

        Assert.Equal(1.0, shares[0], 6);
        Assert.InRange(shares[1], 0.01, 0.4); // found, but "living room" is near in three of four passages
        Assert.Equal(shares[1], shares[2], 6);
        Assert.Equal(0, shares[3]);
        Assert.Equal(new double[2], Proximity.Shares([], ["a", "b"]));
    }
}
