using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace SupportCopilot.Core.Knowledge;

/// <summary>Keeps headings and content blocks; scripts, styles and site navigation are not knowledge.</summary>
internal static class HtmlExtractor
{
    private const string Blocks = "h1,h2,h3,h4,h5,h6,p,ul,ol,pre,table,blockquote,dt,dd";

    public static ExtractedDocument Extract(string fileName, string html, CancellationToken ct = default)
    {
        var doc = new HtmlParser().ParseDocument(html);
        foreach (var junk in doc.QuerySelectorAll("script,style,nav,header,footer,aside,noscript,template,form").ToList()) junk.Remove();

        var title = doc.Title?.Trim() is { Length: > 0 } t ? t : Path.GetFileNameWithoutExtension(fileName);
        var sections = new SectionBuilder(title);
        foreach (var el in doc.Body?.QuerySelectorAll(Blocks) ?? Enumerable.Empty<IElement>())
        {
            ct.ThrowIfCancellationRequested();
            if (el.LocalName is ['h', >= '1' and <= '6'])
            {
                sections.Heading(el.LocalName[1] - '0', Normalize(el.TextContent));
                continue;
            }
            // A block inside another selected block (a <p> in an <li>, a list in a table) is read with its parent.
            if (el.ParentElement?.Closest("li,pre,table,blockquote,dd") is not null) continue;
            var text = el.LocalName switch
            {
                "table" => TableText(el),
                "ul" or "ol" => string.Join("\n", el.Children.Where(c => c.LocalName == "li").Select(li => "- " + Normalize(li.TextContent))),
                _ => Normalize(el.TextContent),
            };
            sections.Block(text);
        }
        if (sections.Sections.Count == 0) throw new DocumentRejectedException("The HTML page contains no readable text.");
        return new ExtractedDocument("text/html", null, sections.Sections);
    }

    private static string TableText(IElement table) => string.Join("\n",
        table.QuerySelectorAll("tr").Select(r => string.Join(" | ", r.Children.Select(c => Normalize(c.TextContent)))));

    private static string Normalize(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
