using System.Text;
using SupportCopilot.Core.Knowledge;

namespace SupportCopilot.Core.Tests.Knowledge;

public class TextExtractorTests
{
    [Fact]
    public void Markdown_WithNestedHeadings_KeepsHeadingPath()
    {
        var md = "# Guide\n\nIntro text.\n\n## Setup\n\nPlug it in.\n\n### Wi-Fi\n\n- press pair\n- wait\n\n## Reset\n\nHold the button.";
        var doc = TextExtractor.Extract("guide.md", Encoding.UTF8.GetBytes(md));

        Assert.Equal("text/markdown", doc.ContentType);
        Assert.Equal(["Guide", "Guide > Setup", "Guide > Setup > Wi-Fi", "Guide > Reset"], doc.Sections.Select(s => s.HeadingPath));
        Assert.Contains("- press pair", doc.Sections[2].Text);
    }

    [Fact]
    public void Html_WithScriptsAndNavigation_KeepsOnlyContentUnderHeadings()
    {
        var html = """
            <!DOCTYPE html><html><head><title>Help</title><style>p{color:red}</style></head><body>
            <nav><a href="/">Home</a> Navigation words</nav>
            <h1>Filters</h1><p>Change the filter every <b>six</b> months.</p>
            <script>alert('x')</script>
            <h2>Sizes</h2><table><tr><th>Model</th><th>Filter</th></tr><tr><td>A300</td><td>F3</td></tr></table>
            <ul><li><p>Nested paragraph item</p></li></ul>
            <footer>Copyright footer</footer></body></html>
            """;
        var doc = TextExtractor.Extract("help.html", Encoding.UTF8.GetBytes(html));

        var all = string.Join("\n", doc.Sections.Select(s => s.Text));
        Assert.Contains("Change the filter every six months.", all);
        Assert.Contains("Model | Filter\nA300 | F3", all);
        Assert.DoesNotContain("alert", all);
        Assert.DoesNotContain("Navigation words", all);
        Assert.DoesNotContain("Copyright", all);
        Assert.Single(doc.Sections, s => s.Text.Contains("Nested paragraph item")); // read once, with its list item
        Assert.Equal("Filters > Sizes", doc.Sections.Last().HeadingPath);
    }

    [Fact]
    public void Pdf_WithTwoPages_KeepsPageNumbers()
    {
        var doc = TextExtractor.Extract("manual.pdf", TestFiles.Pdf("Cleaning", "Wipe the sensor with a dry cloth.", "Noise", "A humming sound is normal."));

        Assert.Equal("application/pdf", doc.ContentType);
        Assert.Equal(2, doc.PageCount);
        Assert.Equal([1, 2], doc.Sections.Select(s => s.Page));
        Assert.Contains("dry cloth", doc.Sections[0].Text);
        Assert.EndsWith("Noise", doc.Sections[1].HeadingPath);
    }

    [Fact]
    public void Extract_EmptyFile_IsRejectedWithReason()
    {
        var ex = Assert.Throws<DocumentRejectedException>(() => TextExtractor.Extract("empty.md", []));
        Assert.Equal("The file is empty.", ex.Message);
    }

    [Fact]
    public void Extract_CorruptPdf_IsRejectedWithReason()
    {
        var ex = Assert.Throws<DocumentRejectedException>(() => TextExtractor.Extract("bad.pdf", "%PDF-1.7 this is not a pdf"u8.ToArray()));
        Assert.Contains("could not be read", ex.Message);
    }

    [Fact]
    public void Extract_BinaryWithTextExtension_IsRejected()
    {
        var ex = Assert.Throws<DocumentRejectedException>(() => TextExtractor.Extract("notes.txt", [0x81, 0x82, 0x00, 0xFF, 0xFE]));
        Assert.Contains("neither PDF", ex.Message);
    }

    [Fact]
    public void Extract_ZipDisguisedAsMarkdown_IsDetectedByMagicBytes()
    {
        var ex = Assert.Throws<DocumentRejectedException>(() => TextExtractor.Extract("readme.md", [(byte)'P', (byte)'K', 3, 4, 0, 0]));
        Assert.Contains("Word document", ex.Message); // read as DOCX because of its bytes, not its name
    }

    [Fact]
    public void Extract_PdfWithTxtExtension_IsReadAsPdf()
    {
        var doc = TextExtractor.Extract("renamed.txt", TestFiles.Pdf("Title", "Body text here."));
        Assert.Equal("application/pdf", doc.ContentType);
    }

    [Fact]
    public void PdfReflow_JoinsWrappedLinesButKeepsListItems()
    {
        var text = "The filter life has run out and the\npurifier cleans less well.\n1. Switch off and\nunplug.\n• Keep the box.";
        Assert.Equal("The filter life has run out and the purifier cleans less well.\n1. Switch off and unplug.\n• Keep the box.",
            PdfExtractor.Reflow(text));
    }

    [Fact]
    public void Pdf_RunningHeaderOnEveryPage_IsDroppedAndNeverTheHeading()
    {
        string[] topics = ["fan", "filter", "sensor", "display"];
        var pages = Enumerable.Range(1, 4).SelectMany(i => new[] { $"(c) Acme Manual {i}", $"How to clean the {topics[i - 1]}." }).ToArray();

        var doc = TextExtractor.Extract("acme.pdf", TestFiles.Pdf(pages));

        Assert.All(doc.Sections, s => Assert.DoesNotContain("Acme Manual", s.Text));
        Assert.All(doc.Sections, s => Assert.DoesNotContain("Acme Manual", s.HeadingPath));
        Assert.Equal(["How to clean the fan.", "How to clean the filter.", "How to clean the sensor.", "How to clean the display."],
            doc.Sections.Select(s => s.Text));
    }

    [Fact]
    public void Pdf_TableOfContentsLines_AreDropped()
    {
        var doc = TextExtractor.Extract("toc.pdf", TestFiles.Pdf("Contents", "3.1 Cleaning . . . . . . . . . . . . 5", "Cleaning", "Wipe with a dry cloth."));

        Assert.DoesNotContain(doc.Sections, s => s.Text.Contains(". . ."));
        var section = Assert.Single(doc.Sections);
        Assert.Equal((2, "toc > Cleaning", "Wipe with a dry cloth."), (section.Page, section.HeadingPath, section.Text));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Extract_Utf16TextWithItsByteOrderMark_IsRead(bool bigEndian)
    {
        // Issue 21.15: Notepad's "Unicode" files were refused as binary.
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("Reset: hold Power for 10 s. Grüße — 再起動")).ToArray();

        Assert.Null(TextExtractor.Unsupported("notes.txt", bytes));
        Assert.Equal("Reset: hold Power for 10 s. Grüße — 再起動", TextExtractor.Extract("notes.txt", bytes).Sections.Single().Text);
    }

    [Fact]
    public void Extract_DeeplyNestedHtml_IsRefusedBeforeParsing_AsPermanent()
    {
        // Issue 21.13: 1 MB of nested divs kept a core busy for minutes after the time limit.
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 90_000)) + "<p>x</p>" + string.Concat(Enumerable.Repeat("</div>", 90_000)) + "</body></html>";

        var ex = Assert.Throws<DocumentRejectedException>(() => TextExtractor.Extract("deep.html", Encoding.UTF8.GetBytes(html)));
        Assert.Contains("nests tags more than 256 deep", ex.Message);
    }

    [Fact]
    public void Extract_OrdinaryHtml_WithManyUnclosedListItems_IsNotTakenForDeep()
    {
        var html = "<html><body><h1>Codes</h1><ul>" + string.Concat(Enumerable.Range(1, 2000).Select(i => $"<li>Code {i}: restart")) + "</ul><p>End<br>of list</body></html>";

        var doc = TextExtractor.Extract("codes.html", Encoding.UTF8.GetBytes(html));

        Assert.Contains("Code 2000: restart", string.Concat(doc.Sections.Select(s => s.Text)));
    }

    [Theory]
    [InlineData(600)] // over our own bound
    [InlineData(150)] // under it, but deeper than Markdig accepts: its exception is final too, not "transient" (retried 3×)
    public void Extract_DeeplyNestedMarkdown_IsRefused_AsPermanent(int levels)
    {
        var md = string.Concat(Enumerable.Range(0, levels).Select(i => new string(' ', i * 2) + "- item\n"));

        var ex = Assert.Throws<DocumentRejectedException>(() => TextExtractor.Extract("deep.md", Encoding.UTF8.GetBytes(md)));
        Assert.Contains("nest", ex.Message);
    }

    [Fact]
    public void Extract_WithItsTokenCancelled_StopsAtTheNextPage()
    {
        // What the ingestion worker does at the time limit: the extraction thread ends instead of running on.
        var pages = Enumerable.Range(1, 50).SelectMany(i => new[] { $"Topic {i}", $"Text of page {i}." }).ToArray();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => TextExtractor.Extract("long.pdf", TestFiles.Pdf(pages), cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => TextExtractor.Extract("long.md", Encoding.UTF8.GetBytes("# A\n\ntext\n"), cancelled.Token));
    }

    [Fact]
    public void Pdf_WhosePagesAreAllTheSame_SaysSo_NotScannedImages()
    {
        var pages = Enumerable.Range(1, 8).SelectMany(_ => new[] { "Summit Sleep", "The same page again." }).ToArray();

        var ex = Assert.Throws<DocumentRejectedException>(() => TextExtractor.Extract("same.pdf", TestFiles.Pdf(pages)));
        Assert.Contains("Every page of the PDF holds the same text", ex.Message);
    }
}
