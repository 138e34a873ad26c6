using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SupportCopilot.Core.Knowledge;

/// <summary>Word documents: headings (Heading1–6, Title) build the path, numbered/bulleted paragraphs become list items, tables rows.</summary>
internal static class DocxExtractor
{
    /// <summary>Total uncompressed size allowed; a zip bomb declares or inflates far beyond it.</summary>
    public const long MaxUncompressedBytes = 200L * 1024 * 1024;
    private const int MaxEntries = 5000;
    private const int MaxCompressionRatio = 200;

    public static ExtractedDocument Extract(string fileName, byte[] bytes)
    {
        CheckArchive(bytes);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var doc = WordprocessingDocument.Open(stream, false);
            var body = doc.MainDocumentPart?.Document?.Body
                ?? throw new DocumentRejectedException("The file is a ZIP archive but not a Word document.");
            var title = doc.PackageProperties.Title is { Length: > 0 } t ? t : Path.GetFileNameWithoutExtension(fileName);
            var sections = new SectionBuilder(title);
            var list = new List<string>();
            void FlushList()
            {
                if (list.Count > 0) sections.Block(string.Join("\n", list));
                list.Clear();
            }
            foreach (var element in body.ChildElements)
            {
                switch (element)
                {
                    case Paragraph p when HeadingLevel(p) is { } level:
                        FlushList();
                        sections.Heading(level, p.InnerText.Trim());
                        break;
                    case Paragraph p when p.ParagraphProperties?.NumberingProperties is not null:
                        if (p.InnerText.Trim() is { Length: > 0 } item) list.Add("- " + item);
                        break;
                    case Paragraph p:
                        FlushList();
                        sections.Block(p.InnerText);
                        break;
                    case Table table:
                        FlushList();
                        sections.Block(string.Join("\n", table.Elements<TableRow>()
                            .Select(r => string.Join(" | ", r.Elements<TableCell>().Select(c => c.InnerText.Trim())))));
                        break;
                }
            }
            FlushList();
            if (sections.Sections.Count == 0) throw new DocumentRejectedException("The Word document contains no text.");
            return new ExtractedDocument("application/vnd.openxmlformats-officedocument.wordprocessingml.document", null, sections.Sections);
        }
        catch (Exception ex) when (ex is not DocumentRejectedException)
        {
            throw new DocumentRejectedException($"The Word document could not be read ({ex.GetType().Name}); it may be damaged.");
        }
    }

    /// <summary>Rejects archives that would inflate beyond the limits, before any part is parsed.</summary>
    private static void CheckArchive(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries) throw new DocumentRejectedException($"The archive has more than {MaxEntries} entries.");
            long total = 0;
            foreach (var e in zip.Entries)
            {
                total += e.Length;
                if (total > MaxUncompressedBytes || (e.CompressedLength > 0 && e.Length / e.CompressedLength > MaxCompressionRatio))
                    throw new DocumentRejectedException($"The document expands beyond safe limits ({MaxUncompressedBytes / (1024 * 1024)} MB or {MaxCompressionRatio}:1); it looks like a zip bomb.");
            }
        }
        catch (InvalidDataException)
        {
            throw new DocumentRejectedException("The Word document is not a valid ZIP archive; it may be damaged.");
        }
    }

    private static int? HeadingLevel(Paragraph p)
    {
        var style = p.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        if (style is null) return null;
        if (style.Equals("Title", StringComparison.OrdinalIgnoreCase)) return 1;
        // "Heading1" (Word) and "Heading 1" / "heading1" (other editors)
        var digits = style.Replace(" ", "");
        return digits.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) && int.TryParse(digits[7..], out var n) && n is >= 1 and <= 6 ? n : null;
    }
}
