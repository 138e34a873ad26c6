using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Util;

namespace SupportCopilot.Core.Knowledge;

/// <summary>A visual line of a PDF page with the typography that tells a heading from body text.</summary>
internal sealed record PdfLine(string Text, double Size, bool Bold, double Top, int Page)
{
    /// <summary>Words set far apart on one line: a table row, not a heading.</summary>
    public bool Cells { get; init; }
    /// <summary>Position on the page, 0 at the top and 1 at the bottom (for headers and footers).</summary>
    public double Depth { get; init; }
}

/// <summary>
/// Lines in the order the PDF draws its letters (the producer's reading order: columns stay whole), split where the
/// baseline moves by more than ~a line, with spaces where the gap between letters is a space's width — the rules of
/// PdfPig's ContentOrderTextExtractor, kept here because a heading needs each line's font size and weight as well.
/// Rotated text (90°/270°) is measured along its own writing direction.
/// </summary>
internal static class PdfLines
{
    public static List<PdfLine> Read(Page page)
    {
        var lines = new List<PdfLine>();
        var text = new System.Text.StringBuilder();
        var letters = new List<Letter>();
        Letter? previous = null; // the last non-space letter
        var pendingSpace = false;
        var cells = false;
        foreach (var letter in page.Letters)
        {
            if (string.IsNullOrEmpty(letter.Value)) continue;
            if (string.IsNullOrWhiteSpace(letter.Value)) { pendingSpace = text.Length > 0; continue; }
            if (previous is not null)
            {
                if (NewLine(previous, letter))
                {
                    Flush(lines, text, letters, page, cells);
                    (pendingSpace, cells) = (false, false);
                }
                else if (Along(letter.StartBaseLine) - Along(previous.EndBaseLine) > 0.6 * Math.Max(previous.PointSize, 1))
                {
                    text.Append(' ');
                    cells = true;
                }
                else if (pendingSpace || WhitespaceSizeStatistics.IsProbablyWhitespace(Along(letter.StartBaseLine) - Along(previous.EndBaseLine), previous))
                    text.Append(' ');
            }
            pendingSpace = false;
            text.Append(letter.Value);
            letters.Add(letter);
            previous = letter;
        }
        Flush(lines, text, letters, page, cells);
        return lines;

        double Along(UglyToad.PdfPig.Core.PdfPoint p) => Sideways(previous!) ? p.Y : p.X;
    }

    private static bool Sideways(Letter l) => l.TextOrientation is TextOrientation.Rotate90 or TextOrientation.Rotate270;

    private static bool NewLine(Letter previous, Letter letter)
    {
        var across = Sideways(letter) ? Math.Abs(previous.StartBaseLine.X - letter.StartBaseLine.X) : Math.Abs(previous.StartBaseLine.Y - letter.StartBaseLine.Y);
        var size = Math.Min(Math.Round(previous.PointSize), Math.Round(letter.PointSize));
        return across > Math.Max(size, 1) * 0.9 || Sideways(previous) != Sideways(letter);
    }

    private static void Flush(List<PdfLine> lines, System.Text.StringBuilder text, List<Letter> letters, Page page, bool cells)
    {
        var value = text.ToString().Trim();
        if (value.Length > 0)
        {
            // The line's size and weight are those of most of its letters (a bold first word does not make a heading).
            var size = letters.GroupBy(l => Math.Round(l.PointSize * 2) / 2).MaxBy(g => g.Count())!.Key;
            var bold = letters.Count(IsBold) * 2 > letters.Count;
            var top = letters.Max(l => l.BoundingBox.Top);
            var height = page.Height > 0 ? page.Height : 842;
            lines.Add(new PdfLine(value, size, bold, top, page.Number) { Depth = Math.Clamp(1 - top / height, 0, 1), Cells = cells });
        }
        text.Clear();
        letters.Clear();
    }

    private static bool IsBold(Letter l)
    {
        if (l.FontDetails?.IsBold == true || l.FontDetails?.Weight >= 600) return true;
        var name = l.FontName ?? l.FontDetails?.Name ?? "";
        return name.Contains("Bold", StringComparison.OrdinalIgnoreCase) || name.Contains("Semibold", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Black", StringComparison.OrdinalIgnoreCase) || name.Contains("Heavy", StringComparison.OrdinalIgnoreCase);
    }
}
