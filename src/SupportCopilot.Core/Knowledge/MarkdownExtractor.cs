using Markdig;
using Markdig.Syntax;

namespace SupportCopilot.Core.Knowledge;

/// <summary>Walks Markdig's block tree, keeping the heading hierarchy; block text stays as written (lists, tables).</summary>
internal static class MarkdownExtractor
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static ExtractedDocument Extract(string fileName, string markdown, CancellationToken ct = default)
    {
        var sections = new SectionBuilder(Path.GetFileNameWithoutExtension(fileName));
        foreach (var block in Markdown.Parse(markdown, Pipeline))
        {
            ct.ThrowIfCancellationRequested();
            var text = markdown.Substring(block.Span.Start, block.Span.Length).Trim();
            if (block is HeadingBlock h) sections.Heading(h.Level, text.TrimStart('#', ' ').Trim());
            else if (block is not ThematicBreakBlock) sections.Block(text);
        }
        if (sections.Sections.Count == 0) throw new DocumentRejectedException("The Markdown file has headings but no text.");
        return new ExtractedDocument("text/markdown", null, sections.Sections);
    }
}
