using System.Text.RegularExpressions;

namespace SupportCopilot.Core.Knowledge;

/// <summary>
/// Which lines of a PDF are headings, and at what level, from the typography alone: the body size is the size most
/// letters have; a heading is a short line set larger than that (or bold at body size, when bold is rare enough to mean
/// something), that is not a sentence, a table row, a bullet, a label ("Note:") or page furniture. Levels follow the heading sizes
/// from large to small, then the depth of a heading number ("3" above "3.2"). When so many lines qualify that style
/// carries no structure (more than two thirds: a heading on every line), there are none.
/// </summary>
internal static partial class PdfHeadings
{
    /// <summary>Headings by line, with level 1 the outermost; lines not in the map are body text.</summary>
    public static Dictionary<PdfLine, int> Find(IReadOnlyList<PdfLine> lines)
    {
        var result = new Dictionary<PdfLine, int>(ReferenceEqualityComparer.Instance);
        if (lines.Count == 0) return result;
        var body = lines.GroupBy(l => l.Size).MaxBy(g => g.Sum(l => l.Text.Length))!.Key;
        if (body <= 0) return result; // no font sizes (a damaged or unusual font): no typography to go by
        var boldShare = lines.Count(l => l.Bold && l.Size <= body) / (double)lines.Count;
        var candidates = lines.Where(l => !l.Cells && Shape(l.Text) && (l.Size >= body * 1.12 || (l.Bold && l.Size >= body - 0.25 && boldShare < 0.3 && !l.Text.EndsWith(':'))))
            .ToList();
        if (candidates.Count == 0 || candidates.Count * 3 > lines.Count * 2) return result;
        // Level keys: larger first, then heading-number depth (unnumbered counts as depth 1).
        var sizes = candidates.Select(l => l.Size).Distinct().OrderDescending().ToList();
        var keys = candidates.Select(l => (Size: sizes.IndexOf(l.Size), Depth: Depth(l.Text))).Distinct().Order().ToList();
        foreach (var l in candidates) result[l] = Math.Min(6, keys.IndexOf((sizes.IndexOf(l.Size), Depth(l.Text))) + 1);
        return result;
    }

    /// <summary>Short, has letters, and reads like a title rather than a sentence, a list item or a page number.</summary>
    private static bool Shape(string text) =>
        text.Length is >= 2 and <= 120 && text.Count(c => c == ' ') < 14 && text.Any(char.IsLetter)
        && text[^1] is not ('.' or ',' or ';') && !Bullet().IsMatch(text) && !ChunkQuality.IsFurnitureLine(text);

    /// <summary>"3" → 1, "3.2" → 2, "3.2.1:" → 3; no number → 1.</summary>
    internal static int Depth(string text) => Numbered().Match(text) is { Success: true } m ? m.Groups[1].Value.Split('.', StringSplitOptions.RemoveEmptyEntries).Length : 1;

    [GeneratedRegex(@"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?:?\s+\p{L}")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^[•·▪‣◦○●■□–—*-]\s*")]
    private static partial Regex Bullet();
}
