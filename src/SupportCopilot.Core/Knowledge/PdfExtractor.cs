using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Fonts;

namespace SupportCopilot.Core.Knowledge;

/// <summary>
/// Sections of a PDF under the headings its typography shows (<see cref="PdfHeadings"/>), split at page breaks so every
/// chunk keeps its page number. Page furniture is dropped before anything else: running headers and footers, page
/// numbers at the top or bottom, table-of-contents pages and lines. Headings go into the heading path, not the text.
/// </summary>
internal static partial class PdfExtractor
{
    /// <summary>The top and bottom share of a page where headers, footers and page numbers live.</summary>
    private const double Margin = 0.12;

    public static ExtractedDocument Extract(string fileName, byte[] bytes, CancellationToken ct = default)
    {
        try
        {
            try
            {
                return Read(fileName, bytes, skipMissingFonts: false, ct);
            }
            catch (Exception ex) when (IsFontProblem(ex))
            {
                // Text set in a font the file neither contains nor describes cannot be decoded; the rest of it can.
                try { return Read(fileName, bytes, skipMissingFonts: true, ct); }
                catch (DocumentRejectedException)
                {
                    throw new DocumentRejectedException("The PDF's text uses fonts the file neither contains nor describes, so it cannot be read; export the PDF again with its fonts embedded.");
                }
            }
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

    // PdfPig reports a font that is neither in the file nor described by it (no widths, no descriptor) like this.
    private static bool IsFontProblem(Exception ex) =>
        ex is InvalidFontFormatException || ex is InvalidOperationException && ex.Message.Contains("font", StringComparison.OrdinalIgnoreCase);

    private static ExtractedDocument Read(string fileName, byte[] bytes, bool skipMissingFonts, CancellationToken ct)
    {
        using var pdf = PdfDocument.Open(bytes, new ParsingOptions { SkipMissingFonts = skipMissingFonts });
        var pages = pdf.GetPages().Select(p => Checked(ct, p)).ToList();
        var running = RunningLines(pages);
        var lines = pages.Where(p => !IsContentsPage(p)).SelectMany(p => p)
            .Where(l => !DotLeaders().IsMatch(l.Text) && !running.Contains(Normalize(l.Text)) && !(InMargin(l) && ChunkQuality.IsFurnitureLine(l.Text)))
            .ToList();
        var headings = PdfHeadings.Find(lines);
        var title = !string.IsNullOrWhiteSpace(pdf.Information.Title) ? pdf.Information.Title!.Trim()
            : CoverTitle(pages) ?? OpeningTitle(lines, headings) ?? Path.GetFileNameWithoutExtension(fileName);
        var sections = Sections(title, lines, headings);
        if (sections.Count == 0)
            throw new DocumentRejectedException(pages.Any(p => p.Count > 0)
                ? "Every page of the PDF holds the same text (only what repeats as a header or footer was found), so there is nothing to index."
                : "The PDF has no extractable text (it may be scanned images; OCR is not available).");
        return new ExtractedDocument("application/pdf", pdf.NumberOfPages, sections);
    }

    private static List<PdfLine> Checked(CancellationToken ct, UglyToad.PdfPig.Content.Page page)
    {
        ct.ThrowIfCancellationRequested(); // a page at a time: a timed-out extraction stops here
        return PdfLines.Read(page);
    }

    /// <summary>Body lines under the current heading path; a section ends at a heading or a page break.</summary>
    private static List<Section> Sections(string title, List<PdfLine> lines, Dictionary<PdfLine, int> headings)
    {
        var sections = new List<Section>();
        var path = new string?[7];
        var body = new List<string>();
        PdfLine? previous = null;
        int? page = null;
        foreach (var line in lines)
        {
            if (line.Page != page) { Flush(); page = line.Page; }
            if (headings.TryGetValue(line, out var level))
            {
                var text = line.Text.TrimEnd(':', ' ');
                // A heading set on two lines: same level, right under the first, nothing in between.
                if (previous is not null && body.Count == 0 && headings.TryGetValue(previous, out var prevLevel) && prevLevel == level
                    && previous.Page == line.Page && previous.Top - line.Top <= line.Size * 1.8)
                    path[level] += " " + text;
                else
                {
                    Flush();
                    path[level] = text;
                    for (var i = level + 1; i < path.Length; i++) path[i] = null;
                }
            }
            else body.Add(line.Text);
            previous = line;
        }
        Flush();
        return PdfPassages.MergeSiblings(PdfPassages.JoinShortContinuations(sections, title), title);

        void Flush()
        {
            if (body.Count == 0) return;
            // The document's own title as a heading (a cover page) would only repeat the path's first element.
            var heading = path.Where(p => p is not null && Key(p) != Key(title));
            sections.Add(new Section(string.Join(" > ", heading.Prepend(title)), page, Reflow(string.Join('\n', body))));
            body.Clear();
        }
    }

    /// <summary>A first page of a few words and no sentence (a cover) names the document better than its file name.</summary>
    private static string? CoverTitle(List<List<PdfLine>> pages)
    {
        if (pages.Count < 2 || pages[0].Count == 0) return null;
        var text = string.Join(' ', pages[0].Select(l => l.Text));
        return PdfPassages.Words(text) < 8 && text.Any(char.IsLetter) && !ChunkQuality.IsFurnitureLine(text)
            && !pages[0].Any(l => l.Text[^1] is '.' or '!' or '?') ? text : null;
    }

    /// <summary>The outermost heading the document opens with (its lines joined), when nothing else names it.</summary>
    private static string? OpeningTitle(List<PdfLine> lines, Dictionary<PdfLine, int> headings)
    {
        var opening = lines.TakeWhile(l => l.Page == lines[0].Page && headings.TryGetValue(l, out var level) && level == 1).Select(l => l.Text).ToList();
        // Only a title if that level is used nowhere else and there is structure under it.
        var outermost = headings.Count(h => h.Value == 1);
        return opening.Count is > 0 and <= 3 && outermost == opening.Count && headings.Count > outermost ? string.Join(' ', opening) : null;
    }

    private static string Key(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static bool InMargin(PdfLine l) => l.Depth < Margin || l.Depth > 1 - Margin;

    /// <summary>A contents page: three or more dot-leader lines, or a "Contents" title over lines that end in page numbers.</summary>
    private static bool IsContentsPage(List<PdfLine> page)
    {
        if (page.Count(l => DotLeaders().IsMatch(l.Text)) >= 3) return true;
        var first = page.FirstOrDefault(l => !ChunkQuality.IsFurnitureLine(l.Text));
        if (first is null || !ContentsTitle().IsMatch(first.Text)) return false;
        var rest = page.Where(l => l != first).ToList();
        return rest.Count >= 3 && rest.Count(l => char.IsDigit(l.Text[^1])) * 2 >= rest.Count;
    }

    /// <summary>
    /// Running headers and footers ("(c) Acme 12", "Page 3 of 9"): lines in a page's top or bottom margin, or among its
    /// first and last two lines, that with numbers and spacing ignored stand on at least half of the pages (and on three
    /// or more). They carry no knowledge and would otherwise pass for headings.
    /// </summary>
    private static HashSet<string> RunningLines(List<List<PdfLine>> pages)
    {
        var threshold = Math.Max(3, pages.Count / 2.0);
        return pages.SelectMany(lines => lines.Where((l, i) => InMargin(l) || i < 2 || i >= lines.Count - 2).Select(l => Normalize(l.Text)).Distinct())
            .GroupBy(l => l).Where(g => g.Count() >= threshold).Select(g => g.Key).ToHashSet();
    }

    /// <summary>"(c) Snugsleep 9" and "(c) Snugsleep 10" are the same footer.</summary>
    private static string Normalize(string line) => Digits().Replace(line, "#").Replace(" ", "", StringComparison.Ordinal);

    /// <summary>
    /// PDF text comes as visual lines. A line that does not end a sentence continues on the next one, unless the
    /// next starts a list item; joining them keeps sentences and table cells whole for chunking and quoting.
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
            var newUnit = startsItem || prev[^1] is '.' or '!' or '?' or ':';
            sb.Append(newUnit ? '\n' : ' ').Append(line);
        }
        return sb.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:\.\s?){6,}")]
    private static partial System.Text.RegularExpressions.Regex DotLeaders();

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*\d+\s*")]
    private static partial System.Text.RegularExpressions.Regex Digits();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:table of contents|contents|inhalt|inhaltsverzeichnis|sommaire|table des matières|índice|indice|contenido|inhoud)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ContentsTitle();
}
