using SupportCopilot.Core.Knowledge;

namespace SupportCopilot.Core.Tests.Knowledge;

public class ChunkerTests
{
    private static readonly ChunkingOptions Small = new() { MaxTokens = 100, Overlap = 0.15 };

    private static string Prose(int paragraphs, int sentencesEach) => string.Join("\n\n", Enumerable.Range(0, paragraphs).Select(p =>
        string.Join(' ', Enumerable.Range(0, sentencesEach).Select(s => $"Paragraph {p} sentence {s} has some words in it."))));

    [Fact]
    public void Split_LongSection_StaysUnderBudgetAndCoversEverySentence()
    {
        var text = Prose(10, 6);
        var chunks = Chunker.Split([new Section("A", 3, text)], Small);

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c => Assert.True(c.Tokens <= 100, $"{c.Tokens} tokens"));
        Assert.All(chunks, c => Assert.Equal(3, c.Page));
        for (var p = 0; p < 10; p++)
            for (var s = 0; s < 6; s++)
                Assert.Contains(chunks, c => c.Text.Contains($"Paragraph {p} sentence {s} "));
    }

    [Fact]
    public void Split_ConsecutiveChunks_OverlapByAboutFifteenPercent()
    {
        var chunks = Chunker.Split([new Section("A", null, Prose(1, 40))], Small);

        for (var i = 1; i < chunks.Count; i++)
        {
            var overlap = chunks[i - 1].CharEnd - chunks[i].CharStart;
            Assert.True(overlap > 0, $"chunk {i} does not overlap");
            Assert.InRange(Chunker.EstimateTokens(chunks[i].Text[..overlap]), 5, 15);
        }
    }

    [Fact]
    public void Split_Offsets_PointAtTheChunkTextInTheJoinedDocument()
    {
        var sections = new[] { new Section("A", 1, Prose(3, 8)), new Section("B", 2, Prose(2, 8)) };
        var full = string.Join(Chunker.SectionSeparator, sections.Select(s => s.Text));

        var chunks = Chunker.Split(sections, Small);

        Assert.All(chunks, c => Assert.Equal(c.Text, full[c.CharStart..c.CharEnd]));
        Assert.True(chunks.Zip(chunks.Skip(1)).All(p => p.First.CharStart < p.Second.CharStart));
    }

    [Fact]
    public void Split_TwoSections_NeverMixesThem()
    {
        var chunks = Chunker.Split([new Section("A", null, "alpha one."), new Section("B", null, "beta two.")]);

        Assert.Equal([("A", "alpha one."), ("B", "beta two.")], chunks.Select(c => (c.HeadingPath, c.Text)));
    }

    [Fact]
    public void Split_TableThatFits_StaysWholeInOneChunk()
    {
        var table = string.Join("\n", Enumerable.Range(0, 8).Select(i => $"Model A{i} | filter F{i} | 6 months"));
        var text = Prose(1, 5) + "\n\n" + table + "\n\n" + Prose(1, 5);

        var chunks = Chunker.Split([new Section("Specs", null, text)], Small);

        Assert.Single(chunks, c => c.Text.Contains("Model A0 |"));
        Assert.Contains(chunks, c => c.Text.Contains(table));
    }

    [Fact]
    public void Split_TableOverBudget_SplitsBetweenRowsNeverInsideOne()
    {
        var rows = Enumerable.Range(0, 40).Select(i => $"Model A{i} | filter F{i} | replace every six months").ToList();

        var chunks = Chunker.Split([new Section("Specs", null, string.Join("\n", rows))], Small);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.All(c.Text.Split('\n'), line => Assert.Contains(line, rows)));
    }

    [Theory]
    [InlineData("x", 200_000)] // text without a single space (issue 21.14: one 10 MB chunk "of 2 tokens")
    [InlineData("再起動", 30_000)] // Japanese: no spaces between words
    public void Split_TextWithoutSpaces_IsCutIntoChunksWithinTheBudget(string unit, int repeat)
    {
        var text = string.Concat(Enumerable.Repeat(unit, repeat));

        var chunks = Chunker.Split([new Section("A", null, text)], Small);

        Assert.All(chunks, c => Assert.InRange(c.Tokens, 1, 100));
        Assert.All(chunks, c => Assert.True(c.Text.Length <= 100 * 4, $"{c.Text.Length} characters"));
        Assert.Equal(text.Length, chunks.Sum(c => c.Text.Length) - OverlapLength(chunks)); // nothing lost
    }

    [Fact]
    public void EstimateTokens_CountsLongRunsAndIdeographs()
    {
        Assert.Equal(4, Chunker.EstimateTokens("Hold the button")); // 3 words ≈ 4 tokens, as before
        Assert.Equal(250, Chunker.EstimateTokens(new string('a', 1000)));
        Assert.Equal(3, Chunker.EstimateTokens("再起動"));
    }

    private static int OverlapLength(IReadOnlyList<ChunkDraft> chunks) =>
        chunks.Zip(chunks.Skip(1)).Sum(p => Math.Max(0, p.First.CharEnd - p.Second.CharStart));
}
