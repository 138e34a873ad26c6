using System.Text.RegularExpressions;

namespace SupportCopilot.Core.Knowledge;

/// <summary>
/// Chunks that carry no knowledge: numbers only (the page column a table-of-contents filter leaves behind, "3 3 4 5…"),
/// page furniture only ("(c) Summit Sleep 11", "Page 3 of 9", "- 26 -") or the title again (a cover page that says
/// "Stealth Bike Helmet" under the heading "Stealth Bike Helmet"). They match short, vague or foreign-language queries
/// on their few words and took rank 1 for 38 of 60 non-English eShop questions (issue 16), so they are never indexed.
/// </summary>
public static partial class ChunkQuality
{
    /// <summary>A title page repeats the heading in a few words; a passage this long says something of its own.</summary>
    private const int TitleOnlyMaxWords = 8;

    public static bool IsJunk(string text, string headingPath)
    {
        var content = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !Furniture().IsMatch(l)).ToList();
        var words = content.SelectMany(l => Word().Matches(l).Select(m => m.Value.ToLowerInvariant())).ToList();
        if (words.Count == 0) return true;
        if (words.Count >= TitleOnlyMaxWords) return false;
        var heading = Word().Matches(headingPath).Select(m => m.Value.ToLowerInvariant()).ToHashSet();
        return words.All(heading.Contains);
    }

    /// <summary>A page number, copyright or "all rights reserved" line.</summary>
    public static bool IsFurnitureLine(string line) => Furniture().IsMatch(line.Trim());

    // A line that is a page number ("12", "- 26 -", "Page 3 of 9", "3/9"), a copyright or "all rights reserved" line.
    [GeneratedRegex(@"^(?:[-–—\s]*\d+(?:\s*(?:/|of|von|de|sur)\s*\d+)?[-–—\s]*|(?:page|seite|página|pagina)\s+\d+(?:\s+(?:of|von|de|sur)\s+\d+)?|(?:\(c\)|©|copyright\b).{0,80}|.{0,80}\ball rights reserved\b.{0,20})$", RegexOptions.IgnoreCase)]
    private static partial Regex Furniture();

    // A word: two letters or more (digits and single letters say nothing on their own).
    [GeneratedRegex(@"[^\W\d_]{2,}")]
    private static partial Regex Word();
}
