using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Drafting;

/// <summary>Issue 17.6: the chip follows the calibrated probability that the quote is right.</summary>
public class ConfidenceBandTests
{
    private static Draft Extractive(double confidence, double? evidence) =>
        new() { Text = "x", Model = "m", PromptVersion = "v", Kind = DraftKind.Extractive, Confidence = confidence, Evidence = evidence };

    [Theory]
    [InlineData(0.2, ConfidenceLevel.Unsure, "unsure")]
    [InlineData(0.499, ConfidenceLevel.Unsure, "unsure")]
    [InlineData(0.5, ConfidenceLevel.Check, "evidence: check the quote")]
    [InlineData(0.8, ConfidenceLevel.Strong, "likely right")]
    [InlineData(0.97, ConfidenceLevel.Strong, "likely right")]
    public void Bands_FollowTheCalibratedProbability_NotTheRawCoverage(double evidence, ConfidenceLevel level, string label)
    {
        var draft = Extractive(confidence: 1.0, evidence); // every term covered says nothing by itself
        Assert.Equal((level, label), (ConfidenceBand.Of(draft), ConfidenceBand.Label(draft)));
        Assert.StartsWith($"About {evidence:P0} of drafts with evidence like this quote the right passage", ConfidenceBand.Explain(draft));
    }

    [Theory]
    [InlineData(0.3, ConfidenceLevel.Unsure)]
    [InlineData(0.35, ConfidenceLevel.Weak)]
    [InlineData(0.6, ConfidenceLevel.Check)]
    [InlineData(0.8, ConfidenceLevel.Strong)]
    public void DraftsFromBeforeTheCalibration_KeepTheirRawBands(double confidence, ConfidenceLevel level) =>
        Assert.Equal(level, ConfidenceBand.Of(Extractive(confidence, evidence: null)));

    [Fact]
    public void EscalationsAndReusedReplies_SayWhatTheyAre()
    {
        Assert.Equal("no answer found", ConfidenceBand.Label(new Draft { Text = "x", Model = "m", PromptVersion = "v", Kind = DraftKind.Escalation, Confidence = 0.1 }));
        Assert.Equal($"past reply, {0.72:P0} similar ticket", ConfidenceBand.Label(new Draft { Text = "x", Model = "m", PromptVersion = "v", Kind = DraftKind.Memory, Confidence = 0.72 }));
    }

    [Fact]
    public void EmbeddedCalibration_IsFittedOnThreeSets_AndRisesWithCoverageAndWithTheBestHitsLead()
    {
        var c = DraftCalibration.Default;
        Assert.Equal(["samples", "eshop", "emanual"], c.FittedOn);
        Assert.True(c.Drafts >= 700);
        Assert.True(c.Probability(0.5, 0.3) > c.Probability(0.5, 0.05));
        Assert.True(c.Probability(0.9, 0.1) > c.Probability(0.4, 0.1));
        Assert.InRange(c.Probability(1, 1), 0.8, 1);
    }

    [Fact]
    public void Lead_IsTheRelativeGapOfTheTopTwoScores()
    {
        SearchHit Hit(double score) => new(1, 1, "f.md", "h", null, "t", score, 0.5);
        Assert.Equal(0.25, DraftCalibration.MarginOf([Hit(0.8), Hit(0.6), Hit(0.1)]), 6);
        Assert.Equal(1, DraftCalibration.MarginOf([Hit(0.8)])); // alone
        Assert.Equal(0, DraftCalibration.MarginOf([Hit(0.5), Hit(0.5)])); // a tie
    }

    [Fact]
    public void MalformedCalibration_IsRefused()
    {
        Assert.Throws<InvalidDataException>(() => DraftCalibration.Parse("""{"bias": "NaN", "coverage": 1, "margin": 1}"""));
        Assert.Throws<System.Text.Json.JsonException>(() => DraftCalibration.Parse("not json"));
    }

    [Fact]
    public void ExtractiveDraft_CarriesTheCalibratedProbability_OnlyWhenItQuotes()
    {
        var hits = new List<SearchHit> { new(1, 1, "guide.md", "Guide > Filter", null, "Replace the filter every 9 months.", 0.9, 1.0), new(2, 2, "faq.md", "FAQ", null, "Other.", 0.3, 0.2) };
        var quoted = ExtractiveDrafter.Compose("Kim", "Filter", ["filter", "replace"], hits);
        Assert.Equal(Math.Round(DraftCalibration.Default.Probability(1.0, 2.0 / 3), 3), quoted.Evidence);
        Assert.Null(ExtractiveDrafter.Compose("Kim", "Filter", ["filter"], []).Evidence);
    }
}
