using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace SupportCopilot.Core.Knowledge;

/// <summary>One section per page so every chunk keeps its page number.</summary>
internal static partial class PdfExtractor
{
    public static ExtractedDocument Extract(string fileName, byte[] bytes, CancellationToken ct = default)
    {
        try
        {
            using var pdf = PdfDocument.Open(bytes);
            var title = string.IsNullOrWhiteSpace(pdf.Information.Title) ? Path.GetFileNameWithoutExtension(fileName) : pdf.Information.Title!;
            // page.Text glues lines together; the content-order extractor keeps line breaks.
            // Table-of-contents lines ("3.1 Cleaning . . . . . 5") are dropped: they name every topic and answer none,
            // so they would outrank the pages they point to.
            var pages = pdf.GetPages().Select(p => (p.Number, Lines: Checked(ct, p).Split('\n')
                .Select(l => l.Trim()).Where(l => l.Length > 0 && !DotLeaders().IsMatch(l)).ToList())).ToList();
            var boilerplate = RunningLines(pages.Select(p => p.Lines).ToList());
            var sections = new List<Section>();
            var heading = title;
            foreach (var (number, all) in pages)
            {
                var lines = all.Where(l => !boilerplate.Contains(Normalize(l))).ToList();
                if (lines.Count == 0) continue;
                // Manuals often open a section with a short title line: use it as the heading until the next one.
                if (lines[0].Length is > 2 and < 80 && !lines[0].EndsWith('.')) heading = $"{title} > {lines[0]}";
                sections.Add(new Section(heading, number, Reflow(string.Join('\n', lines))));
            }
            if (sections.Count == 0)
                throw new DocumentRejectedException(pages.Any(p => p.Lines.Count > 0)
                    ? "Every page of the PDF holds the same text (only what repeats as a header or footer was found), so there is nothing to index."
                    : "The PDF has no extractable text (it may be scanned images; OCR is not available).");
            return new ExtractedDocument("application/pdf", pdf.NumberOfPages, sections);
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new DocumentRejectedException("The PDF is encrypted; upload an unprotected copy.");
        }
        catch (Exception ex) when (ex is not (DocumentRejectedException or OperationCanceledException))
        {
            throw new DocumentRejectedException($"The PDF could not be read ({ex.GetType().Name}); it may be damaged.");
        }
    }

    private static string Checked(CancellationToken ct, UglyToad.PdfPig.Content.Page page)
    {
        ct.ThrowIfCancellationRequested(); // a page at a time: a timed-out extraction stops here
        return ContentOrderTextExtractor.GetText(page);
    }

    /// <summary>
    /// Running headers and footers ("(c) Acme 12", "Page 3 of 9"): among the first and last two lines of each page,
    /// those that, with digits ignored, stand on at least half of the pages (and on three or more). They carry no
    /// knowledge and would otherwise pass for headings.
    /// </summary>
    private static HashSet<string> RunningLines(List<List<string>> pages)
    {
        var threshold = Math.Max(3, pages.Count / 2.0);
        return pages.SelectMany(lines => lines.Take(2).Concat(lines.TakeLast(2)).Select(Normalize).Distinct()).GroupBy(l => l)
            .Where(g => g.Count() >= threshold).Select(g => g.Key).ToHashSet();
    }

    private static string Normalize(string line) => new(line.Select(c => char.IsDigit(c) ? '#' : c).ToArray());

    /// <summary>
    /// PDF text comes as visual lines. A line that does not end a sentence continues on the next one, unless the
    /// next starts a list item; joining them keeps sentences and table cells whole for chunking and quoting.
    /// The first line stays on its own (it is usually the page's title).
    /// </summary>
    internal static string Reflow(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (i == 0) { sb.Append(line); continue; }
            var prev = lines[i - 1];
            var startsItem = line[0] is '•' or '-' or '–' or '·' || (char.IsDigit(line[0]) && line.Length > 1 && line.IndexOf(". ", StringComparison.Ordinal) is > 0 and < 4);
            var newUnit = i == 1 || startsItem || prev[^1] is '.' or '!' or '?' or ':';
            sb.Append(newUnit ? '\n' : ' ').Append(line);
        }
        return sb.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:\.\s?){6,}")]
    private static partial System.Text.RegularExpressions.Regex DotLeaders();
}
