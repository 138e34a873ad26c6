using System.Text.RegularExpressions;

namespace SupportCopilot.Core.Knowledge;

public sealed record ChunkDraft(string HeadingPath, int? Page, string Text);

/// <summary>
/// Packs each section's paragraphs into chunks under a token budget; a chunk never crosses a section
/// (so never a heading or a page), and a paragraph over budget is split at sentence ends.
/// The ingestion issue replaces this with overlap and table-aware splitting.
/// </summary>
public static partial class Chunker
{
    public const int DefaultMaxTokens = 350;

    public static IReadOnlyList<ChunkDraft> Split(IEnumerable<Section> sections, int maxTokens = DefaultMaxTokens)
    {
        var chunks = new List<ChunkDraft>();
        foreach (var section in sections)
        {
            var buffer = new List<string>();
            var tokens = 0;
            foreach (var piece in Pieces(section.Text, maxTokens))
            {
                var t = EstimateTokens(piece);
                if (tokens + t > maxTokens && buffer.Count > 0)
                {
                    chunks.Add(new ChunkDraft(section.HeadingPath, section.Page, string.Join("\n\n", buffer)));
                    buffer.Clear();
                    tokens = 0;
                }
                buffer.Add(piece);
                tokens += t;
            }
            if (buffer.Count > 0) chunks.Add(new ChunkDraft(section.HeadingPath, section.Page, string.Join("\n\n", buffer)));
        }
        return chunks;
    }

    /// <summary>About 4 tokens per 3 words for English prose in common open-weight tokenizers.</summary>
    public static int EstimateTokens(string text) => (int)Math.Ceiling(WordRegex().Count(text) * 4 / 3.0);

    private static IEnumerable<string> Pieces(string text, int maxTokens)
    {
        foreach (var para in ParagraphBreak().Split(text.Replace("\r\n", "\n")))
        {
            var p = para.Trim();
            if (p.Length == 0) continue;
            if (EstimateTokens(p) <= maxTokens) { yield return p; continue; }
            foreach (var s in SentenceEnd().Split(p)) if (s.Trim().Length > 0) yield return s.Trim();
        }
    }

    [GeneratedRegex(@"\n\s*\n")] private static partial Regex ParagraphBreak();
    [GeneratedRegex(@"(?<=[.!?])\s+")] private static partial Regex SentenceEnd();
    [GeneratedRegex(@"\S+")] private static partial Regex WordRegex();
}
