using System.IO.Compression;
using SupportCopilot.Core.Knowledge;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SupportCopilot.Core.Tests.Knowledge;

/// <summary>Issue 16.1: headings from the PDF's typography, asserted on PDFs whose structure is known.</summary>
public class PdfStructureTests
{
    /// <summary>A line of a generated page: its text, size and weight; null text = page break.</summary>
    private sealed record L(string? Text, double Size = 10, bool Bold = false, bool Wrapped = false);

    private static readonly L Break = new(null);

    /// <summary>Lines top to bottom, 1.6 × their size apart (more before a heading unless it continues one), a running footer "Acme Purifier Manual — N" on every page.</summary>
    private static byte[] Build(IEnumerable<L> lines, bool footer = true, PageRotationDegrees? rotation = null)
    {
        var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        PdfPageBuilder? page = null;
        var y = 0.0;
        var number = 0;
        void NewPage()
        {
            page = builder.AddPage(PageSize.A4);
            if (rotation is { } r) page.SetRotation(r);
            number++;
            if (footer) page.AddText($"Acme Purifier Manual — {number}", 8, new PdfPoint(50, 30), regular);
            y = 790;
        }
        NewPage();
        foreach (var l in lines)
        {
            if (l.Text is null) { NewPage(); continue; }
            if ((l.Size > 10 || l.Bold) && !l.Wrapped) y -= 8;
            page!.AddText(l.Text, l.Size, new PdfPoint(50, y), l.Bold ? bold : regular);
            y -= l.Size * 1.6;
        }
        return builder.Build();
    }

    private static List<(int? Page, string Path, string Text)> Sections(byte[] pdf, string name = "manual.pdf") =>
        TextExtractor.Extract(name, pdf).Sections.Select(s => (s.Page, s.HeadingPath, s.Text)).ToList();

    private static readonly L[] Manual =
    [
        new("Acme Purifier", 26, true), new("Owner's manual for the AP-1 air purifier, first edition, 2026."),
        Break,
        new("1 Setting up", 16, true), new("Read this chapter before you switch the purifier on."),
        new("1.1 Unpacking", 13, true), new("Remove the plastic bag from the filter."), new("• Keep the box for returns."),
        new("Note:", 10, true), new("The box is recyclable paper."),
        Break,
        new("1.2 Placing the purifier", 13, true), new("Leave 30 cm of space on every side."),
        Break,
        new("Leave the door open while it runs.", 16, false), // large, but a sentence
        new("2 Care", 16, true), new("Wipe the housing with a dry cloth."),
        Break,
        new("2.1 Filter", 13, true), new("Replace the filter every 12 months."),
    ];

    [Fact]
    public void HeadingsComeFromSizeAndWeight_AndPathsEndWithTheirSection()
    {
        var sections = Sections(Build(Manual));

        Assert.Equal([
            (1, "Acme Purifier", "Owner's manual for the AP-1 air purifier, first edition, 2026."),
            // siblings on one page are one passage under their parent, their headings kept as lines
            (2, "Acme Purifier > 1 Setting up", "Read this chapter before you switch the purifier on.\n1.1 Unpacking\nRemove the plastic bag from the filter.\n• Keep the box for returns.\nNote:\nThe box is recyclable paper."),
            // the sentence carried over to page 4 stays with its section, cited at the page where it starts
            (3, "Acme Purifier > 1 Setting up > 1.2 Placing the purifier", "Leave 30 cm of space on every side.\nLeave the door open while it runs."),
            (4, "Acme Purifier > 2 Care", "Wipe the housing with a dry cloth."),
            (5, "Acme Purifier > 2 Care > 2.1 Filter", "Replace the filter every 12 months."),
        ], sections.Select(s => (s.Page, s.Path, s.Text)));
        Assert.DoesNotContain(sections, s => s.Path.Contains("Acme Purifier Manual") || s.Text.Contains("Acme Purifier Manual"));
    }

    [Fact]
    public void Levels_FollowSizeThenHeadingNumbers_AndLabelsSentencesAndFootersAreNoHeadings()
    {
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(Build([.. Manual, Break,
            new("3 Storage", 12, true), new("Store the purifier upright in a dry room, away from heaters and direct sunlight."),
            new("3.2 Long breaks", 12, true), new("Take the filter out and keep it in its bag until you use the purifier again."),
            new("3.2.1 Winter", 12, true), new("Keep it above 5 degrees Celsius."),
        ]));
        var lines = pdf.GetPages().SelectMany(PdfLines.Read).ToList();

        var headings = PdfHeadings.Find(lines).OrderBy(h => lines.IndexOf(h.Key)).Select(h => (h.Key.Text, h.Value)).ToList();

        Assert.Equal([("Acme Purifier", 1), ("1 Setting up", 2), ("1.1 Unpacking", 3), ("1.2 Placing the purifier", 3), ("2 Care", 2), ("2.1 Filter", 3),
            ("3 Storage", 4), ("3.2 Long breaks", 5), ("3.2.1 Winter", 6)], headings);
    }

    [Fact]
    public void AHeadingSetOnTwoLines_IsOneHeading()
    {
        var pdf = Build([new("Connecting the purifier to a", 16, true), new("home Wi-Fi network", 16, true, Wrapped: true),
            new("Open the app and tap Add device, then choose the purifier from the list."), new("Enter the password of your 2.4 GHz network.")], footer: false);

        Assert.Equal("manual > Connecting the purifier to a home Wi-Fi network", Assert.Single(Sections(pdf)).Path);
    }

    [Fact]
    public void ATableHeaderRow_BulletsAndFooters_AreNeverHeadings()
    {
        var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var page = builder.AddPage(PageSize.A4);
        page.AddText("Air quality ring", 16, new PdfPoint(50, 780), bold);
        page.AddText("The ring shows the air quality measured by the sensor.", 10, new PdfPoint(50, 750), regular);
        foreach (var (x, cell) in new[] { (50.0, "Colour"), (200.0, "PM2.5"), (350.0, "Meaning") }) page.AddText(cell, 10, new PdfPoint(x, 720), bold);
        foreach (var (x, cell) in new[] { (50.0, "Blue"), (200.0, "0-12"), (350.0, "Good") }) page.AddText(cell, 10, new PdfPoint(x, 700), regular);
        page.AddText("• Fan speed follows the colour", 10, new PdfPoint(50, 680), bold);
        page.AddText("Page 1 of 1", 10, new PdfPoint(50, 30), bold);

        var section = Assert.Single(Sections(builder.Build()));

        Assert.Equal("manual > Air quality ring", section.Path);
        Assert.Contains("Colour PM2.5 Meaning", section.Text);
        Assert.Contains("• Fan speed follows the colour", section.Text);
    }

    [Fact]
    public void AHeadingOnEveryLine_MeansNoHeadings_AndTheTextIsKept()
    {
        var pdf = Build(Enumerable.Range(1, 12).Select(i => new L($"Step {i} of the cleaning routine", 12, true)), footer: false);

        var sections = Sections(pdf);

        Assert.All(sections, s => Assert.Equal("manual", s.Path));
        Assert.Contains("Step 12 of the cleaning routine", string.Join("\n", sections.Select(s => s.Text)));
    }

    [Fact]
    public void TwoColumns_AreReadColumnByColumn()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        // Drawn as most producers do: the left column, then the right one, at the same heights.
        string[] left = ["The left column starts the story", "and ends it on this line."], right = ["The right column tells", "another story entirely."];
        for (var i = 0; i < 2; i++) page.AddText(left[i], 10, new PdfPoint(50, 700 - 14 * i), font);
        for (var i = 0; i < 2; i++) page.AddText(right[i], 10, new PdfPoint(320, 700 - 14 * i), font);

        var text = Assert.Single(Sections(builder.Build())).Text;

        Assert.Equal("The left column starts the story and ends it on this line.\nThe right column tells another story entirely.", text);
    }

    [Fact]
    public void RotatedPages_AreReadAsText()
    {
        var pdf = Build([new("Cleaning", 16, true), new("Wipe the housing with a dry cloth once a week.")], footer: false, rotation: new PageRotationDegrees(90));

        var section = Assert.Single(Sections(pdf));

        Assert.Equal(("manual > Cleaning", "Wipe the housing with a dry cloth once a week."), (section.Path, section.Text));
    }

    /// <summary>The sample manuals were made by LibreOffice from HTML (knowledge-samples/pdf-src): h1 per page, h2 inside.</summary>
    [Fact]
    public void TheLibreOfficeSampleManual_HasTheHeadingPathsOfItsSource()
    {
        var pdf = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "knowledge-samples", "docs", "airpure-300-user-manual.pdf"));

        var sections = Sections(pdf, "airpure-300-user-manual.pdf");

        const string T = "Nimbus AirPure 300 User Manual";
        Assert.Equal([(1, $"{T} > Welcome and safety"), (2, $"{T} > What's in the box"), (3, $"{T} > Controls and display"), (4, $"{T} > Placing your purifier"),
            (5, $"{T} > First start"), (6, $"{T} > Operating modes"), (7, $"{T} > Air quality ring"), (8, $"{T} > Connecting to the Nimbus Home app"),
            (9, $"{T} > Replacing the filter"), (10, $"{T} > Cleaning and care"), (11, $"{T} > Child lock and display settings"), (12, $"{T} > Factory reset"),
            (13, $"{T} > Specifications"), (14, $"{T} > Quick troubleshooting")], sections.Select(s => (s.Page, s.Path)));
        // the h2 headings of a page head their lines; the air-quality table's header row is text, not a heading
        Assert.Contains("\nNight mode\nNight mode runs the fan at its quietest speed", sections[5].Text);
        Assert.StartsWith("The light ring shows", sections[6].Text);
        Assert.Contains("Colour PM2.5 (µg/m³) Meaning", sections[6].Text);
    }

    /// <summary>The eShopSupport manuals (not ours; ../shared, present in CI): footers and contents pages were headings and chunks.</summary>
    [Fact]
    public void RealManuals_GetTheirNumberedSectionsAsHeadings_AndNoFooterOrContentsChunk()
    {
        var zip = SharedFile(Path.Combine("eshopsupport", "test", "manuals.zip"));
        var files = zip is null ? [] : ZipFile.OpenRead(zip).Entries.Where(e => e.Name.EndsWith(".pdf")).Select(e =>
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return (e.Name, Bytes: ms.ToArray());
        }).ToList();
        files.AddRange(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "knowledge-samples", "docs"), "*.pdf").Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))));

        var chunks = files.SelectMany(f => Chunker.Split(TextExtractor.Extract(f.Item1, f.Item2).Sections).Select(c => (File: f.Item1, c))).ToList();

        Assert.DoesNotContain(chunks, c => c.c.HeadingPath.Contains("(c)") || c.c.Text.Contains(". . . . ."));
        Assert.DoesNotContain(chunks, c => ChunkQuality.IsJunk(c.c.Text, c.c.HeadingPath));
        if (zip is not null)
            Assert.Contains(chunks, c => c.File == "1.pdf" && c.c.Page == 3 && c.c.HeadingPath == "Trailblazer Bike Helmet > 1. Important Safety Information" && c.c.Text.Contains("1.1 Proper Helmet Fit\n"));
    }

    /// <summary>Issue 16's target: no junk chunk (numbers-only, title-only, footer-only) in an index built from E-Manual (not
    /// ours; ../shared, present in CI) or from any of our sample documents, whatever the format.</summary>
    [Fact]
    public void EManualAndEverySampleDocument_GiveNoJunkChunk()
    {
        var emanual = SharedFile(Path.Combine("emanual-qa", "docs", "sec-000.md")) is { } first ? Directory.GetFiles(Path.GetDirectoryName(first)!) : [];
        var samples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "knowledge-samples", "docs"));
        var refused = new List<string>();
        var chunks = emanual.Concat(samples).SelectMany(f =>
        {
            try
            {
                return Chunker.Split(TextExtractor.Extract(Path.GetFileName(f), File.ReadAllBytes(f)).Sections).Select(c => (File: Path.GetFileName(f), c.Text, c.HeadingPath));
            }
            catch (DocumentRejectedException e) { refused.Add(e.Message); return []; }
        }).ToList();

        // A section file that is only a heading is refused with its reason, not indexed as a heading-only chunk.
        Assert.All(refused, r => Assert.Equal("The Markdown file has headings but no text.", r));
        Assert.True(refused.Count < emanual.Length / 10 + 1, $"{refused.Count} of {emanual.Length} refused");

        Assert.True(chunks.Count >= samples.Length, "every sample document gives chunks");
        var junk = chunks.Where(c => ChunkQuality.IsJunk(c.Text, c.HeadingPath)).ToList();
        Assert.True(junk.Count == 0, string.Join(" | ", junk.Take(5).Select(j => $"{j.File}: {j.HeadingPath} / {j.Text[..Math.Min(60, j.Text.Length)]}")));
    }

    internal static string? SharedFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SupportCopilot.sln")))
                return Path.Combine(dir.FullName, "..", "shared", "datasets", relative) is var p && File.Exists(p) ? Path.GetFullPath(p) : null;
        return null;
    }
}
