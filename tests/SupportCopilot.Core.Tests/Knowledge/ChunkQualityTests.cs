using System.Text.RegularExpressions;
using SupportCopilot.Core.Knowledge;

namespace SupportCopilot.Core.Tests.Knowledge;

/// <summary>Issue 16.2: no chunk without content. The shapes are the ones found in the eShop manuals and E-Manual.</summary>
public partial class ChunkQualityTests
{
    [Theory]
    [InlineData("3\n3 3 4 5 5 5 6 6 6 7 7 7 8 8 8", "Trailblazer Bike Helmet")] // the page column a ToC filter leaves
    [InlineData("Stealth Bike Helmet", "Stealth Bike Helmet > Stealth Bike Helmet")] // a cover page
    [InlineData("Alpine 3000 Sleeping\nBag", "Alpine 3000 Sleeping Bag")]
    [InlineData("(c) Summit Sleep 11", "Alpine 3000 Sleeping Bag > (c) Summit Sleep 11")] // a footer-only page
    [InlineData("Page 3 of 9\n- 26 -", "Manual")]
    [InlineData("© 2024 Acme GmbH. All rights reserved.", "Manual")]
    public void PageFurnitureNumbersAndRepeatedTitles_AreJunk(string text, string heading) =>
        Assert.True(ChunkQuality.IsJunk(text, heading));

    [Theory]
    [InlineData("Configure the sound settings for your TV.", "Using the Sound Support Functions")] // short, but says something
    [InlineData("HDMI IN", "Connecting with an HDMI cable")]
    [InlineData("The warranty lasts 2 years.", "Warranty")]
    [InlineData("Stealth Bike Helmet fits heads of 54 to 61 cm.", "Stealth Bike Helmet")]
    public void ShortPassagesWithTheirOwnWords_AreKept(string text, string heading) =>
        Assert.False(ChunkQuality.IsJunk(text, heading));

    [Fact]
    public void AManualWithCoverContentsAndFooterPages_IndexesOnlyItsContent()
    {
        var pdf = TestFiles.PdfOfLines(
            ["Stealth Bike Helmet"],
            ["Contents", "Fitting the helmet . . . . . . . . . . 3", "Cleaning . . . . . . . . . . 4", "3", "4"],
            ["Fitting the helmet", "Tighten the dial at the back until the helmet sits firmly without pressing."],
            ["(c) Summit Sleep 11"]);

        var chunks = Chunker.Split(TextExtractor.Extract("helmet.pdf", pdf).Sections);

        var only = Assert.Single(chunks);
        Assert.Equal(3, only.Page);
        Assert.Contains("Tighten the dial", only.Text);
    }

    [Fact]
    public void ASectionsLastFewWords_JoinThePreviousChunk_InsteadOfStandingAlone()
    {
        var prose = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"Sentence {i} explains the connection steps in some detail."));
        var chunks = Chunker.Split([new Section("Connecting", null, prose + "\n\nHDMI IN")], new ChunkingOptions { MaxTokens = 200 });

        Assert.True(chunks.Count > 1);
        Assert.EndsWith("HDMI IN", chunks[^1].Text);
        Assert.Contains("Sentence 29", chunks[^1].Text);
        Assert.DoesNotContain(chunks, c => c.Text.Trim() == "HDMI IN");
    }

    [Fact]
    public void EverySampleDocumentsChunk_HasWordsOfItsOwn()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "knowledge-samples", "docs");
        var files = Directory.GetFiles(folder);
        Assert.NotEmpty(files);
        foreach (var file in files)
            foreach (var c in Chunker.Split(TextExtractor.Extract(Path.GetFileName(file), File.ReadAllBytes(file)).Sections))
            {
                // Judged here without ChunkQuality: at least three words of two letters or more that the heading does not already say.
                var heading = Word().Matches(c.HeadingPath).Select(m => m.Value.ToLowerInvariant()).ToHashSet();
                var own = Word().Matches(c.Text).Select(m => m.Value.ToLowerInvariant()).Where(w => !heading.Contains(w)).Distinct().Count();
                Assert.True(own >= 3, $"{Path.GetFileName(file)} p{c.Page} '{c.HeadingPath}': '{c.Text}'");
            }
    }

    [GeneratedRegex(@"[^\W\d_]{2,}")]
    private static partial Regex Word();
}
