using Markdig;
using Markdig.Syntax;

namespace SupportCopilot.Core.Knowledge;

/// <summary>Walks Markdig's block tree, keeping the heading hierarchy; block text stays as written (lists, tables).</summary>
internal static class MarkdownExtractor
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static ExtractedDocument Extract(string fileName, string markdown)
    {
        var doc = Markdown.Parse(markdown, Pipeline);
        var path = new string?[7];
        var sections = new List<Section>();
        var current = new List<string>();
        string HeadingPath() => string.Join(" > ", path.Where(p => p is not null)) is { Length: > 0 } p ? p : Path.GetFileNameWithoutExtension(fileName);
        void Flush()
        {
            if (current.Count > 0) sections.Add(new Section(HeadingPath(), null, string.Join("\n\n", current)));
            current.Clear();
        }

        foreach (var block in doc)
        {
            if (block is HeadingBlock h)
            {
                Flush();
                path[h.Level] = markdown.Substring(h.Span.Start, h.Span.Length).TrimStart('#', ' ').Trim();
                for (var i = h.Level + 1; i < path.Length; i++) path[i] = null;
                continue;
            }
            var text = markdown.Substring(block.Span.Start, block.Span.Length).Trim();
            if (text.Length > 0 && block is not ThematicBreakBlock) current.Add(text);
        }
        Flush();
        if (sections.Count == 0) throw new DocumentRejectedException("The Markdown file has headings but no text.");
        return new ExtractedDocument("text/markdown", null, sections);
    }
}
