using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Drafting;

public class ExtractiveDrafterTests
{
    private static SearchHit Hit(int id, int doc, string text, double coverage) => new(id, doc, $"doc{doc}.md", "Guide > Part", 4, text, 2.0, coverage);

    [Fact]
    public void Compose_WithGoodMatch_QuotesPassageAndCitesIt()
    {
        var draft = ExtractiveDrafter.Compose("Dana Smith", "Filter", ["filter", "replace"],
            [Hit(1, 1, "Unrelated intro. To replace the filter, open the back cover. Close it again.", 1.0)]);

        Assert.StartsWith("Hi Dana,", draft.Text);
        Assert.Contains("To replace the filter, open the back cover. [1]", draft.Text);
        Assert.DoesNotContain("Unrelated intro", draft.Text);
        Assert.Equal(1, Assert.Single(draft.Citations).Number);
        Assert.Equal(1.0, draft.Confidence);
    }

    [Fact]
    public void Compose_WithWeakMatch_SaysItIsUnsureAndCitesNothing()
    {
        var draft = ExtractiveDrafter.Compose("dana@example.com", "Invoice", ["invoice", "vat", "refund"],
            [Hit(1, 1, "The fan has three speeds.", 0.2)]);

        Assert.StartsWith("Hi there,", draft.Text);
        Assert.Contains("could not find a reliable answer", draft.Text);
        Assert.Empty(draft.Citations);
        Assert.Equal(0.2, draft.Confidence);
    }

    [Fact]
    public void Compose_WithNoHits_StillProducesAnEscalatingDraft()
    {
        var draft = ExtractiveDrafter.Compose("Lee", "Help", [], []);
        Assert.Contains("passing it to a specialist", draft.Text);
        Assert.Equal(0, draft.Confidence);
    }

    [Fact]
    public void Compose_WithSecondDocument_QuotesFirstAndPointsToSecond()
    {
        var draft = ExtractiveDrafter.Compose("Lee", "Filter", ["filter"],
            [Hit(1, 1, "The filter sits at the back.", 1.0), Hit(2, 2, "Filters ship every six months.", 1.0)]);

        Assert.Equal([1, 2], draft.Citations.Select(c => c.Number));
        Assert.Contains("The filter sits at the back. [1]", draft.Text);
        Assert.Contains("More on this: \"Part\", page 4 [2]", draft.Text);
        Assert.DoesNotContain("six months", draft.Text);
    }

    [Fact]
    public void Compose_SkipsThePassageTitleAndUsesBm25Order()
    {
        var draft = ExtractiveDrafter.Compose("Lee", "E2", ["e2", "filter"],
        [
            new SearchHit(1, 1, "g.pdf", "Guide > Error E2 filter", 3, "Error E2 filter\nE2 means the filter is missing.", 5.0, 1.0),
            new SearchHit(2, 1, "g.pdf", "Guide > Table", 9, "E2 filter row.", 4.0, 1.0),
        ]);

        Assert.Contains("says:\n\nE2 means the filter is missing. [1]", draft.Text.Replace("\r\n", "\n"));
    }
}
