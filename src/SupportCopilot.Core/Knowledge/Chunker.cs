using System.Text.RegularExpressions;

namespace SupportCopilot.Core.Knowledge;

public sealed record ChunkDraft(string HeadingPath, int? Page, string Text, int CharStart, int CharEnd, int Tokens);

public sealed class ChunkingOptions
{
    [System.ComponentModel.DataAnnotations.Range(50, 4000)] public int MaxTokens { get; set; } = 350;
    /// <summary>Share of the budget repeated from the end of the previous chunk, so a fact cut at a boundary is still found whole.</summary>
    [System.ComponentModel.DataAnnotations.Range(0.0, 0.5)] public double Overlap { get; set; } = 0.15;
}

/// <summary>
/// Structure-aware chunking. A chunk never crosses a section (so never a heading, a page or a document); inside a
/// section it breaks at paragraph ends where it can, else at sentence ends; a table or list stays one piece when it
/// fits the budget and is split by rows or items when it does not. Offsets point into the document's extracted text.
/// </summary>
public static partial class Chunker
{
    public const string SectionSeparator = "\n\n";

    public static IReadOnlyList<ChunkDraft> Split(IEnumerable<Section> sections, ChunkingOptions? options = null)
    {
        options ??= new ChunkingOptions();
        var overlapTokens = (int)(options.MaxTokens * options.Overlap);
        var chunks = new List<ChunkDraft>();
        var sectionStart = 0;
        foreach (var section in sections)
        {
            var pieces = Pieces(section.Text, options.MaxTokens);
            var sectionChunks = chunks.Count;
            var current = new List<Piece>();
            var tokens = 0;
            for (var i = 0; i < pieces.Count; i++)
            {
                var p = pieces[i];
                var full = tokens + p.Tokens > options.MaxTokens;
                // Prefer a paragraph end: stop early rather than start a paragraph that will not fit.
                var paragraphBreak = p.StartsParagraph && tokens >= options.MaxTokens / 2 && tokens + ParagraphTokens(pieces, i) > options.MaxTokens;
                if (current.Count > 0 && (full || paragraphBreak))
                {
                    chunks.Add(Make(section, sectionStart, current));
                    current = Tail(current, overlapTokens, options.MaxTokens - p.Tokens);
                    tokens = current.Sum(c => c.Tokens);
                }
                current.Add(p);
                tokens += p.Tokens;
            }
            if (current.Count > 0) AddLast(chunks, section, sectionStart, current, first: sectionChunks == chunks.Count, options.MaxTokens);
            sectionStart += section.Text.Length + SectionSeparator.Length;
        }
        return chunks.Where(c => !ChunkQuality.IsJunk(c.Text, c.HeadingPath)).ToList();
    }

    /// <summary>A section's last few words are not a chunk of their own ("HDMI IN" after a long passage would match on
    /// its two words alone): they extend the section's previous chunk, which may then exceed the budget by that tail.</summary>
    private static void AddLast(List<ChunkDraft> chunks, Section section, int sectionStart, List<Piece> current, bool first, int maxTokens)
    {
        var last = Make(section, sectionStart, current);
        if (first) { chunks.Add(last); return; }
        var previous = chunks[^1];
        var fresh = current.Where(p => sectionStart + p.Start >= previous.CharEnd).Sum(p => p.Tokens); // without the overlap
        if (fresh >= Math.Min(MinTailTokens, maxTokens / 4)) { chunks.Add(last); return; }
        var merged = section.Text[(previous.CharStart - sectionStart)..(last.CharEnd - sectionStart)];
        chunks[^1] = previous with { Text = merged, CharEnd = last.CharEnd, Tokens = EstimateTokens(merged) };
    }

    /// <summary>About 25 words: below this a section's tail joins the chunk before it.</summary>
    private const int MinTailTokens = 33;

    /// <summary>
    /// About 4 tokens per 3 words for English prose in common open-weight tokenizers; a long run without spaces (a URL,
    /// a hash, base64) costs about a token per 4 characters, and Chinese, Japanese or Korean about one per character.
    /// Counting words alone gave 10 MB of text without spaces an estimate of 2 tokens (issue 21.14).
    /// </summary>
    public static int EstimateTokens(string text) => (int)Math.Ceiling(Cost(text));

    private static double Cost(ReadOnlySpan<char> text)
    {
        double cost = 0;
        int run = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (run > 0) cost += RunCost(run);
                run = 0;
            }
            else if (IsIdeographic(c))
            {
                if (run > 0) cost += RunCost(run);
                run = 0;
                cost += 1;
            }
            else run++;
        }
        return run > 0 ? cost + RunCost(run) : cost;
    }

    // A word costs 4/3 tokens, as prose always did here; a run too long to be a word (over 16 characters: a URL, a hash,
    // text without spaces) a token per 4 characters.
    private static double RunCost(int run) => run <= 16 ? 4 / 3.0 : run / 4.0;

    // CJK ideographs, kana, hangul and full-width forms: scripts written without spaces between words.
    private static bool IsIdeographic(char c) => c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF'
        or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';

    private sealed record Piece(int Start, int End, int Tokens, bool StartsParagraph);

    private static ChunkDraft Make(Section s, int sectionStart, List<Piece> pieces)
    {
        var start = pieces[0].Start;
        var end = pieces[^1].End;
        var text = s.Text[start..end];
        return new ChunkDraft(s.HeadingPath, s.Page, text, sectionStart + start, sectionStart + end, EstimateTokens(text));
    }

    /// <summary>The last pieces of a chunk, up to the overlap budget, that still leave room for the next piece.</summary>
    private static List<Piece> Tail(List<Piece> chunk, int overlapTokens, int room)
    {
        var tail = new List<Piece>();
        var sum = 0;
        for (var i = chunk.Count - 1; i > 0; i--) // never the whole previous chunk
        {
            if (sum + chunk[i].Tokens > Math.Min(overlapTokens, room)) break;
            sum += chunk[i].Tokens;
            tail.Insert(0, chunk[i]);
        }
        return tail;
    }

    private static int ParagraphTokens(List<Piece> pieces, int from)
    {
        var sum = pieces[from].Tokens;
        for (var i = from + 1; i < pieces.Count && !pieces[i].StartsParagraph; i++) sum += pieces[i].Tokens;
        return sum;
    }

    /// <summary>Paragraphs split into sentences (prose) or kept whole (tables, lists), with offsets into the section text.</summary>
    private static List<Piece> Pieces(string text, int maxTokens)
    {
        var pieces = new List<Piece>();
        foreach (Match para in Paragraph().Matches(text))
        {
            var (start, body) = (para.Index, para.Value);
            var structured = IsTableOrList(body);
            if (structured && EstimateTokens(body) <= maxTokens)
            {
                pieces.Add(new Piece(start, start + body.Length, EstimateTokens(body), true));
                continue;
            }
            var splitter = structured ? Line() : Sentence();
            var first = true;
            foreach (Match unit in splitter.Matches(body))
            {
                if (unit.Value.Trim().Length == 0) continue;
                foreach (var (from, to) in Windows(unit.Value.TrimEnd(), maxTokens))
                {
                    pieces.Add(new Piece(start + unit.Index + from, start + unit.Index + to, EstimateTokens(unit.Value.AsSpan(from, to - from).ToString()), first));
                    first = false;
                }
            }
        }
        return pieces;
    }

    /// <summary>
    /// A sentence or line that alone exceeds the budget (a run without full stops, text without spaces) is cut into
    /// windows that fit, at a space where there is one, so no chunk outgrows the budget however the text is written.
    /// </summary>
    private static IEnumerable<(int From, int To)> Windows(string unit, int maxTokens)
    {
        if (Cost(unit) <= maxTokens)
        {
            yield return (0, unit.Length);
            yield break;
        }
        var from = 0;
        while (from < unit.Length)
        {
            // One pass per window: the cost of finished runs plus the run in progress, cut before it would overflow.
            double done = 0;
            int run = 0, lastSpace = -1, i = from;
            for (; i < unit.Length; i++)
            {
                var c = unit[i];
                if (char.IsWhiteSpace(c))
                {
                    if (run > 0) done += RunCost(run);
                    (run, lastSpace) = (0, i);
                }
                else if (IsIdeographic(c))
                {
                    if (run > 0) done += RunCost(run);
                    run = 0;
                    if (done + 1 > maxTokens) break;
                    done += 1;
                }
                else if (done + RunCost(++run) > maxTokens) break;
            }
            var to = i < unit.Length && lastSpace > from + (i - from) / 2 ? lastSpace + 1 : Math.Max(i, from + 1);
            yield return (from, to);
            from = to;
            while (from < unit.Length && char.IsWhiteSpace(unit[from])) from++;
        }
    }

    private static bool IsTableOrList(string paragraph)
    {
        var lines = paragraph.Split('\n');
        return lines.Length > 1 && lines.Count(l => ListOrRow().IsMatch(l)) * 2 > lines.Length;
    }

    [GeneratedRegex(@"\S(?:.|\n(?!\s*\n))*", RegexOptions.None)] private static partial Regex Paragraph();
    [GeneratedRegex(@"[^\n]+")] private static partial Regex Line();
    [GeneratedRegex(@"\S.*?(?:[.!?](?=\s)|$)", RegexOptions.Singleline)] private static partial Regex Sentence();
    [GeneratedRegex(@"^\s*(?:[-*•+]\s|\d+[.)]\s|\|)|\|\s*$|\s\|\s")] private static partial Regex ListOrRow();
    [GeneratedRegex(@"\S+")] private static partial Regex WordRegex();
}
