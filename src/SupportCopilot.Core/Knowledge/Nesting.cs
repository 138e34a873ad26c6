namespace SupportCopilot.Core.Knowledge;

/// <summary>
/// How deep a text file nests, measured in one linear pass before any parser sees it (parsers' cost grows with depth).
/// Approximate on purpose: it only has to tell a real document (a few dozen levels) from a pathological one.
/// </summary>
internal static class Nesting
{
    // Elements that never hold content, or whose end tag a page may leave out: counting them would inflate the depth
    // of ordinary pages (a list of 1,000 unclosed <li> is 1 level deep, not 1,000).
    private static readonly HashSet<string> NotCounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body",
    };

    public static int HtmlDepth(string html)
    {
        int depth = 0, max = 0;
        for (var i = html.IndexOf('<'); i >= 0 && i < html.Length - 1; i = html.IndexOf('<', i + 1))
        {
            var closing = html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var end = start;
            while (end < html.Length && char.IsAsciiLetterOrDigit(html[end])) end++;
            if (end == start || !char.IsAsciiLetter(html[start])) continue; // <!-- -->, <!doctype>, a stray "<"
            if (NotCounted.Contains(html[start..end])) continue;
            if (closing) depth = Math.Max(0, depth - 1);
            else
            {
                var gt = html.IndexOf('>', end);
                if (gt > 0 && html[gt - 1] == '/') continue; // <x/>
                max = Math.Max(max, ++depth);
            }
        }
        return max;
    }

    /// <summary>List and quote levels: indentation (two spaces a level, a tab four) and "&gt;" markers at a line's start.</summary>
    public static int MarkdownDepth(string markdown)
    {
        var max = 0;
        foreach (var line in markdown.AsSpan().EnumerateLines())
        {
            int columns = 0, quotes = 0, i = 0;
            for (; i < line.Length; i++)
            {
                if (line[i] == ' ') columns++;
                else if (line[i] == '\t') columns += 4;
                else if (line[i] == '>') quotes++;
                else break;
            }
            max = Math.Max(max, columns / 2 + quotes);
        }
        return max;
    }
}
