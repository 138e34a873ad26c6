using SupportCopilot.Core.Drafting;

namespace SupportCopilot.Core.Tests.Drafting;

public class ConfidenceBandTests
{
    [Theory]
    [InlineData(0.0, ConfidenceLevel.Unsure, "unsure")]
    [InlineData(0.349, ConfidenceLevel.Unsure, "unsure")]
    [InlineData(0.35, ConfidenceLevel.Weak, "weak evidence")]
    [InlineData(0.6, ConfidenceLevel.Check, "evidence: check the quote")]
    [InlineData(0.8, ConfidenceLevel.Strong, "strong evidence")]
    [InlineData(1.0, ConfidenceLevel.Strong, "strong evidence")]
    public void Bands_FollowTheCalibrationEdges(double confidence, ConfidenceLevel level, string label)
    {
        Assert.Equal(level, ConfidenceBand.Of(confidence));
        Assert.Equal(label, ConfidenceBand.Label(new Draft { Text = "x", Model = "m", PromptVersion = "v", Kind = DraftKind.Extractive, Confidence = confidence }));
    }

    [Fact]
    public void EscalationsAndReusedReplies_SayWhatTheyAre()
    {
        Assert.Equal("no answer found", ConfidenceBand.Label(new Draft { Text = "x", Model = "m", PromptVersion = "v", Kind = DraftKind.Escalation, Confidence = 0.1 }));
        Assert.Equal($"past reply, {0.72:P0} similar ticket", ConfidenceBand.Label(new Draft { Text = "x", Model = "m", PromptVersion = "v", Kind = DraftKind.Memory, Confidence = 0.72 }));
    }
}
