using SupportCopilot.Core.Knowledge;

namespace SupportCopilot.Core.Tests.Knowledge;

public class ChunkerTests
{
    [Fact]
    public void Split_LongSection_StaysUnderBudgetAndKeepsEveryWord()
    {
        var paragraphs = Enumerable.Range(0, 40).Select(i => string.Join(' ', Enumerable.Repeat($"word{i}", 30)) + ".");
        var text = string.Join("\n\n", paragraphs);

        var chunks = Chunker.Split([new Section("A", 3, text)], maxTokens: 100);

        Assert.True(chunks.Count > 10);
        Assert.All(chunks, c => Assert.True(Chunker.EstimateTokens(c.Text) <= 100, $"{Chunker.EstimateTokens(c.Text)} tokens"));
        Assert.All(chunks, c => Assert.Equal(3, c.Page));
        Assert.Equal(1200, chunks.Sum(c => c.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length));
    }

    [Fact]
    public void Split_TwoSections_NeverMixesThem()
    {
        var chunks = Chunker.Split([new Section("A", null, "alpha one."), new Section("B", null, "beta two.")]);

        Assert.Equal(2, chunks.Count);
        Assert.Equal(("A", "alpha one."), (chunks[0].HeadingPath, chunks[0].Text));
        Assert.Equal(("B", "beta two."), (chunks[1].HeadingPath, chunks[1].Text));
    }

    [Fact]
    public void Split_ParagraphOverBudget_SplitsAtSentences()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("x", 50)) + ".";
        var chunks = Chunker.Split([new Section("A", null, string.Join(' ', Enumerable.Repeat(sentence, 6)))], maxTokens: 100);

        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c => Assert.EndsWith(".", c.Text));
    }
}
