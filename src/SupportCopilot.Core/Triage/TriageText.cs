using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace SupportCopilot.Core.Triage;

/// <summary>What classifiers read: subject and body as plain text, HTML reduced to its text, capped in length.</summary>
public static partial class TriageText
{
    /// <summary>A 1 MB body is cut here: the opening of a ticket carries its intent; the rest only costs time.</summary>
    public const int MaxChars = 20_000;

    public static string Prepare(string? subject, string? body)
    {
        var text = (subject ?? "") + "\n" + (body ?? "");
        if (text.Length > MaxChars * 4) text = text[..(MaxChars * 4)];
        if (LooksLikeHtml().IsMatch(text)) text = new HtmlParser().ParseDocument(text).Body?.TextContent ?? text;
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length > MaxChars ? text[..MaxChars] : text;
    }

    [GeneratedRegex(@"<(html|body|div|p|br|table|span)\b", RegexOptions.IgnoreCase)] private static partial Regex LooksLikeHtml();
    [GeneratedRegex(@"\s+")] private static partial Regex Whitespace();
}
