using System.Text;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SupportCopilot.Core.Tests.Knowledge;

/// <summary>Real files of each format, made in code so every test states what its input contains.</summary>
internal static class TestFiles
{
    /// <summary>Pairs of (title, body): one page each.</summary>
    public static byte[] Pdf(params string[] titleBodyPairs)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var i = 0; i < titleBodyPairs.Length; i += 2)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            page.AddText(titleBodyPairs[i], 16, new UglyToad.PdfPig.Core.PdfPoint(50, 780), font);
            page.AddText(titleBodyPairs[i + 1], 11, new UglyToad.PdfPig.Core.PdfPoint(50, 740), font);
        }
        return builder.Build();
    }

    /// <summary>A PDF with the given lines on each page, one under the other in the same font size (no title styling).</summary>
    public static byte[] PdfOfLines(params string[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            for (var i = 0; i < lines.Length; i++) page.AddText(lines[i], 11, new UglyToad.PdfPig.Core.PdfPoint(50, 780 - 20 * i), font);
        }
        return builder.Build();
    }

    /// <summary>A PDF whose pages carry no text at all, like a scan without OCR.</summary>
    public static byte[] PdfWithoutText(int pages)
    {
        var builder = new PdfDocumentBuilder();
        for (var i = 0; i < pages; i++) builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        return builder.Build();
    }

    /// <summary>
    /// A PDF written by hand, one page per entry: the page's text is set in font /F1, described by
    /// <c>Font</c> (a font dictionary), or left out of the page's resources when it is null — the damage PdfPig's
    /// builder cannot make (it always writes the font). Offsets in the cross-reference table are counted exactly.
    /// </summary>
    public static byte[] PdfWithFonts(params (string? Font, string Text)[] pages)
    {
        var objects = new List<string> { "<< /Type /Catalog /Pages 2 0 R >>", "" };
        var kids = new List<string>();
        foreach (var (font, text) in pages)
        {
            var page = objects.Count + 1;
            kids.Add($"{page} 0 R");
            var content = $"BT /F1 12 Tf 72 700 Td ({text}) Tj ET";
            var resources = font is null ? "" : $"/Resources << /Font << /F1 {page + 2} 0 R >> >>";
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {page + 1} 0 R {resources} >>");
            objects.Add($"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
            objects.Add(font ?? "null");
        }
        objects[1] = $"<< /Type /Pages /Kids [{string.Join(' ', kids)}] /Count {pages.Length} >>";
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        foreach (var (o, i) in objects.Select((o, i) => (o, i)))
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{o}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    public const string Helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

    public static byte[] EncryptedPdf() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "encrypted.pdf"));

    /// <summary>A Word document: a Heading1, a paragraph, a Heading2, a bulleted list of two items and a 2×2 table.</summary>
    public static byte[] Docx()
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(
                Styled("Heading1", "Care guide"),
                new Paragraph(new Run(new Text("Wipe the housing with a dry cloth."))),
                Styled("Heading2", "Monthly"),
                Bullet("Vacuum the pre-filter"),
                Bullet("Clean the sensor"),
                new Table(Row("Part", "Interval"), Row("Sensor", "3 months"))));
        }
        return ms.ToArray();

        static Paragraph Styled(string style, string text) =>
            new(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(text)));
        static Paragraph Bullet(string text) => new(new ParagraphProperties(new NumberingProperties(
            new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })), new Run(new Text(text)));
        static TableRow Row(string a, string b) => new(new TableCell(new Paragraph(new Run(new Text(a)))), new TableCell(new Paragraph(new Run(new Text(b)))));
    }

    /// <summary>A ZIP with a Word-like name whose one entry inflates from ~100 KB to 300 MB of zeros.</summary>
    public static byte[] ZipBomb()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++) entry.Write(zeros);
        }
        return ms.ToArray();
    }
}
