using AngleSharp.Html.Parser;
using Markdig;

namespace SupportCopilot.Core.Mail;

/// <summary>
/// Markdown to HTML that is safe to show or send: raw HTML in the source is escaped (Markdig's DisableHtml), and links
/// or images whose address is not http(s) or mailto are stripped (Markdig would happily emit javascript: URLs).
/// Images never survive: a customer's `![](https://evil.example/pixel.png)` copied into a reply would tell the sender
/// when the agent previewed it and when the customer read it. They become their alt text.
/// </summary>
public static class SafeMarkdown
{
    // A line break an agent typed is a line break in the customer's mail: a signature ("Alex Agent\nNimbus Home Support")
    // or an address must not run together into one line, as Markdown's soft breaks would make it.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().UseSoftlineBreakAsHardlineBreak().Build();
    private static readonly string[] SafeSchemes = ["http://", "https://", "mailto:"];

    private static readonly System.Text.RegularExpressions.Regex InlineImage =
        new(@"!\[(?<alt>[^\]\n]*)\]\((?<src>[^)\n]*)\)", System.Text.RegularExpressions.RegexOptions.Compiled, TimeSpan.FromSeconds(1));

    /// <summary>Markdown images (`![alt](url)`) replaced by their alt text; used on every draft before an agent sees it.</summary>
    public static string StripImages(string markdown) =>
        markdown.Contains("![", StringComparison.Ordinal) ? InlineImage.Replace(markdown, m => m.Groups["alt"].Value) : markdown;

    public static string ToHtml(string markdown)
    {
        var html = Markdown.ToHtml(markdown, Pipeline);
        var doc = new HtmlParser().ParseFragment(html, null!);
        var changed = false;
        foreach (var el in doc.SelectMany(n => n is AngleSharp.Dom.IElement e ? e.QuerySelectorAll("*").Prepend(e) : []).ToList())
        {
            if (el.LocalName == "img")
            {
                el.Replace(el.Owner!.CreateTextNode(el.GetAttribute("alt") ?? ""));
                changed = true;
                continue;
            }
            foreach (var attr in el.Attributes.ToList())
            {
                var isUrl = attr.Name is "href" or "src";
                if (attr.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || (isUrl && !SafeSchemes.Any(s => attr.Value.Trim().StartsWith(s, StringComparison.OrdinalIgnoreCase))))
                {
                    el.RemoveAttribute(attr.Name);
                    changed = true;
                }
            }
        }
        return changed ? string.Concat(doc.Select(n => n is AngleSharp.Dom.IElement e ? e.OuterHtml : n.TextContent)) : html;
    }
}
