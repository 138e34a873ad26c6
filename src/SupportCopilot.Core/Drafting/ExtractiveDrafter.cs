using System.Text;
using System.Text.RegularExpressions;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Drafting;

/// <param name="Evidence">The calibrated probability that the quoted passage is right; null when nothing is quoted.</param>
public sealed record ComposedDraft(string Text, double Confidence, IReadOnlyList<(int Number, SearchHit Hit)> Citations, double? Evidence = null);

/// <summary>
/// The drafter that needs no model: it quotes the best-matching passages, cites them, and says plainly when it
/// found nothing it trusts. It is the last link of the model chain, so a draft always exists.
/// </summary>
public static partial class ExtractiveDrafter
{
    public const string ModelName = "extractive";
    /// <summary>v6: a second passage that scores nearly as well as the best is quoted too, not only pointed to, and a matched
    /// sub-heading inside a passage quotes the lines under it (issue 17.1).
    /// v5: a ticket in another language than the best passage gets that passage quoted from its start instead of
    /// "could not find" (issue 17.2). v4: every procedure and list a chosen sentence belongs to is quoted (within one budget), not only the
    /// first. v3 (issue 17.2): the frame in the ticket's language (Drafting/Frames). v2 (issue 17.1): whole procedures and
    /// lead-in lists are quoted. Drafts record it (with an admin's frame version: "extractive-v6+de.2"), the dashboard splits by it.</summary>
    public const string PromptVersion = "extractive-v6";
    /// <summary>A second passage scoring at least this share of the best one's score is quoted as well (issue 17.1): on the
    /// knowledge samples and eShop manuals key-sentence completeness 56/80 → 62/80, no draft lost (eval/README.md).</summary>
    public const double QuoteSecondAbove = 0.8;
    /// <summary>The share of query terms such a second passage needs: less than a first passage (<see cref="UnsureBelow"/>),
    /// since its rank vouches for it too — samples 46 → 49 of 60 complete, eShop and the replay unchanged (eval/README.md).</summary>
    public const double QuoteSecondCoverage = 0.25;
    /// <summary>Below this share of query terms found in the best passage, the draft admits it is unsure.</summary>
    public const double UnsureBelow = 0.35;
    private const int MaxExcerptWords = 90;

    /// <summary>The best-ranked passage when it holds at least two and at least half of the subject's terms; else null.</summary>
    private static SearchHit? SubjectNames(string subject, IReadOnlyList<SearchHit> hits)
    {
        var terms = QueryTerms.Extract(subject);
        if (hits.Count == 0 || terms.Count < 2) return null;
        var share = QueryTerms.Coverage(terms, hits[0].HeadingPath + " " + hits[0].Text);
        return share >= 0.5 && Math.Round(share * terms.Count) >= 2 ? hits[0] : null;
    }

    /// <param name="language">The ticket's language when known (ISO 639-1): the frame around the quotes is written in it,
    /// and a passage in another language is introduced as such. Null: English.</param>
    /// <param name="frame">The frame to use (an admin's version); null: the shipped frame of <paramref name="language"/>.</param>
    public static ComposedDraft Compose(string customerName, string subject, IReadOnlyList<string> terms, IReadOnlyList<SearchHit> hits, string? language = null,
        ReplyFrame? frame = null)
    {
        frame ??= ReplyFrame.For(language);
        var name = FirstName(customerName);
        var greeting = name is null ? frame.GreetingNoName : frame.Greeting.Replace("{name}", name, StringComparison.Ordinal);
        // BM25 order decides which passage to quote; coverage of the query terms decides whether we trust it. A ticket in
        // another language than the knowledge shares few words with it, so coverage says nothing there: the best-ranked
        // passage is quoted and introduced as being in its language (issue 17.2); its low evidence marks it "unsure".
        // A long ticket spreads its words over many topics, so no passage may cover enough of them although the subject
        // names the best-ranked one ("Warranty claim for broken fan" → "Making a warranty claim"): that one is quoted,
        // its confidence stays its low coverage, and the chip follows the calibrated evidence (ConfidenceBand).
        var best = hits.FirstOrDefault(h => h.Coverage >= UnsureBelow) ?? hits.FirstOrDefault(h => OtherLanguage(h, language) is not null)
            ?? SubjectNames(subject, hits);
        var confidence = best?.Coverage ?? hits.Select(h => h.Coverage).DefaultIfEmpty(0).Max();
        var text = new StringBuilder().AppendLine(greeting).AppendLine();
        var citations = new List<(int, SearchHit)>();

        if (best is null)
        {
            text.AppendLine(frame.NotFound.Replace("{subject}", subject, StringComparison.Ordinal));
        }
        else
        {
            var other = OtherLanguage(best, language);
            var intro = other is not null ? frame.OnlyIn.Replace("{language}", frame.NameOf(other), StringComparison.Ordinal) : frame.Intro;
            text.AppendLine(intro.Replace("{subject}", subject, StringComparison.Ordinal)).AppendLine();
            citations.Add((1, best));
            // Across languages the question's words pick no sentence, so the section is quoted from its start.
            text.AppendLine($"{(other is not null && best.Coverage < UnsureBelow ? Opening(best.Text, best.HeadingPath) : Excerpt(best.Text, terms, best.HeadingPath))} [1]");
            // A second passage that scores nearly as well is quoted too: retrieval cannot tell which of the two answers,
            // and a draft an agent trims beats one that lacks the answer. Otherwise a second source is pointed to, not
            // quoted: two quoted passages read like a search result, not a reply.
            var close = hits.FirstOrDefault(h => h.ChunkId != best.ChunkId && h.Coverage >= QuoteSecondCoverage && h.Score >= QuoteSecondAbove * best.Score);
            var second = close ?? hits.FirstOrDefault(h => h.DocumentId != best.DocumentId && h.Coverage >= UnsureBelow);
            if (second is not null)
            {
                citations.Add((2, second));
                var pointer = $"{frame.MoreOnThis} \"{Section(second.HeadingPath)}\"{(second.Page is { } p ? $", {frame.Page} {p}" : "")}";
                text.AppendLine().AppendLine(close is null ? $"{pointer} [2]" : $"{pointer}\n{Excerpt(close.Text, terms, close.HeadingPath)} [2]");
            }
            text.AppendLine().AppendLine(frame.FollowUp);
        }
        text.AppendLine().Append(frame.Closing);
        var evidence = best is null ? (double?)null : Math.Round(DraftCalibration.Default.Probability(best.Coverage, DraftCalibration.MarginOf(hits)), 3);
        return new ComposedDraft(text.ToString(), Math.Round(confidence, 3), citations, evidence);
    }

    /// <summary>The passage's language when the ticket's is known and the passage is surely in another one; else null.</summary>
    private static string? OtherLanguage(SearchHit hit, string? language)
    {
        if (language is null) return null;
        var (passageLanguage, sure) = Triage.LanguageDetector.Detect(hit.Text);
        return sure >= DraftCheck.LanguageConfidence && passageLanguage != language ? passageLanguage : null;
    }

    /// <summary>
    /// The best-matching sentences (or table rows and list items: lines count as units too), picked by how many
    /// query terms they carry, within a word budget, then put back in their original order. When a chosen sentence is
    /// part of a procedure (numbered steps, a list, table rows) or describes the problem just before one, the whole
    /// procedure is quoted in its place, with its lead-in line: the step that solves the problem ("remove the plastic
    /// bag", "hold Power and Filter for 10 seconds") rarely shares the most words with the question.
    /// </summary>
    internal static string Excerpt(string passage, IReadOnlyList<string> terms, string headingPath = "")
    {
        var title = Section(headingPath);
        // The passage's own title is no sentence to quote, nor a sub-heading to lead into its text.
        var lines = Lines(passage).Select(l => l == title ? "" : l).ToList();
        var units = lines.SelectMany((line, index) => SentenceEnd().Split(line).Select(u => (text: u.Trim(), line: index)))
            .Where(u => u.text.Length > 0 && u.text != title)
            .Select((u, position) => (u.text, u.line, position, score: QueryTerms.Coverage(terms, u.text))).ToList();
        var words = 0;
        var chosen = new List<(string text, int line, int position, double score)>();
        foreach (var u in units.Where(u => u.score > 0).OrderByDescending(u => u.score).ThenBy(u => u.position))
        {
            var n = u.text.Split(' ').Length;
            if (words + n > MaxExcerptWords && chosen.Count > 0) break;
            chosen.Add(u);
            words += n;
        }
        if (chosen.Count == 0) chosen = units.Take(3).ToList();

        // The procedures of the chosen sentences, best-scoring first, while they fit the budget together: a passage can
        // hold a list that describes the problem and the steps that solve it ("the Filter button glows red:" … and
        // "To replace the filter: 1.–6."), and the step that matters is often in the second.
        var runs = new List<(int First, int Last)>();
        var used = 0;
        foreach (var u in chosen)
        {
            if ((Procedure(lines, u.line) ?? ProcedureAfter(lines, u.line) ?? LinesAfterLeadIn(lines, u.line) ?? LinesUnderHeading(lines, u.line)) is not { } run
                || runs.Any(r => LeadIn(lines, run) <= r.Last && LeadIn(lines, r) <= run.Last)) continue;
            var n = Quote(lines, run).Sum(l => l.Split(' ').Length);
            if (used + n > MaxProcedureWords) continue;
            runs.Add(run);
            used += n;
        }
        if (runs.Count == 0) return Join(chosen);
        // In the passage's order: chosen sentences between the procedures, each procedure whole with its lead-in.
        var parts = new List<string>();
        var done = -1;
        foreach (var run in runs.OrderBy(r => r.First))
        {
            var from = LeadIn(lines, run);
            parts.Add(Join(chosen.Where(u => u.line > done && u.line < from)));
            parts.AddRange(Quote(lines, run));
            done = run.Last;
        }
        parts.Add(Join(chosen.Where(u => u.line > done)));
        return string.Join('\n', parts.Where(t => t.Length > 0));
    }

    /// <summary>The passage's lines from its start (its title left out) while they fit the procedure budget, at least one.</summary>
    internal static string Opening(string passage, string headingPath = "")
    {
        var title = Section(headingPath);
        var lines = Lines(passage).Where(l => l.Length > 0 && l != title).ToList();
        var (kept, words) = (new List<string>(), 0);
        foreach (var line in lines)
        {
            var n = line.Split(' ').Length;
            if (kept.Count > 0 && words + n > MaxProcedureWords) break;
            kept.Add(line);
            words += n;
        }
        return string.Join('\n', kept);
    }

    /// <summary>The passage's lines, each with its white space collapsed.</summary>
    private static IEnumerable<string> Lines(string passage) => passage.Split('\n').Select(l => Regex.Replace(l, @"\s+", " ").Trim());

    private static string Join(IEnumerable<(string text, int line, int position, double score)> units) =>
        string.Join(" ", units.OrderBy(u => u.position).Select(u => u.text.TrimEnd(' ', '|')));

    /// <summary>A procedure is generous but bounded: a 12-step guide fits, a whole chapter of lists does not.</summary>
    private const int MaxProcedureWords = 220;

    /// <summary>The lines [first, last] of the run of steps that holds the given line, or null when it is not a step.
    /// One plain line between two steps (a note under step 4) belongs to the run, unless the numbering starts again
    /// after it: then it is the next procedure's heading.</summary>
    private static (int First, int Last)? Procedure(List<string> lines, int line)
    {
        bool Step(int i) => i >= 0 && i < lines.Count && StepLine().IsMatch(lines[i]);
        bool Note(int i) => lines[i].Length > 0 && Step(i - 1) && Step(i + 1) && !FirstStep().IsMatch(lines[i + 1]);
        if (!Step(line) && !(line > 0 && line < lines.Count - 1 && Note(line))) return null;
        var (first, last) = (line, line);
        while (first > 0 && !(Step(first) && FirstStep().IsMatch(lines[first])) && (Step(first - 1) || (first > 1 && Note(first - 1)))) first--;
        while (!Step(first)) first++;
        while (last + 1 < lines.Count && (Step(last + 1) && !FirstStep().IsMatch(lines[last + 1]) || (last + 2 < lines.Count && Note(last + 1)))) last++;
        while (!Step(last)) last--;
        return last > first ? (first, last) : null; // a single item is no procedure
    }

    /// <summary>The procedure that starts within three lines after the given one (the matched line describes the
    /// problem, or introduces the steps).</summary>
    private static (int First, int Last)? ProcedureAfter(List<string> lines, int line)
    {
        for (var i = line + 1; i <= Math.Min(line + 3, lines.Count - 1); i++)
            if (Procedure(lines, i) is { } steps) return steps;
        return null;
    }

    /// <summary>A line that ends with a colon ("Phone support:") introduces the lines under it, up to the paragraph's
    /// end: hours per region, options, conditions. Two lines at least, or it is just a sentence with a colon.</summary>
    private static (int First, int Last)? LinesAfterLeadIn(List<string> lines, int line)
    {
        if (!lines[line].EndsWith(':')) return null;
        var last = line;
        while (last + 1 < lines.Count && lines[last + 1].Length > 0) last++;
        return last - line >= 2 ? (line + 1, last) : null;
    }

    /// <summary>A sub-heading inside a passage ("5.2 Warranty Claim Process", common in PDF manuals) matches the question's
    /// words best, but what answers is the text under it: its lines up to the next sub-heading or blank line.</summary>
    private static (int First, int Last)? LinesUnderHeading(List<string> lines, int line)
    {
        if (!SubHeading(lines, line) || line + 1 >= lines.Count || lines[line + 1].Length == 0 || SubHeading(lines, line + 1)) return null;
        var last = line + 1;
        while (last + 1 < lines.Count && lines[last + 1].Length > 0 && !SubHeading(lines, last + 1)) last++;
        return (line + 1, last);
    }

    /// <summary>A numbered heading ("5.2 Warranty Claim Process"), or a short capitalised line without a sentence's end
    /// that starts a paragraph (after a blank line, a full stop or the passage's start).</summary>
    private static bool SubHeading(List<string> lines, int i) =>
        NumberedHeading().IsMatch(lines[i])
        || (lines[i].Split(' ').Length <= 6 && char.IsUpper(lines[i].FirstOrDefault()) && !ClauseEnd().IsMatch(lines[i])
            && (i == 0 || lines[i - 1].Length == 0 || ParagraphEnd().IsMatch(lines[i - 1])));

    /// <summary>The line that leads into the steps ("To replace the filter:", or a sub-heading over them) when there is one,
    /// else the first step.</summary>
    private static int LeadIn(List<string> lines, (int First, int Last) steps) =>
        steps.First > 0 && (lines[steps.First - 1].EndsWith(':') || SubHeading(lines, steps.First - 1)) ? steps.First - 1 : steps.First;

    /// <summary>The lead-in and the steps, each on a line of its own, bullets as Markdown list items.</summary>
    private static List<string> Quote(List<string> lines, (int First, int Last) steps) =>
        lines[LeadIn(lines, steps)..(steps.Last + 1)].Where(l => l.Length > 0).Select(l => Bullet().Replace(l, "- ").TrimEnd(' ', '|')).ToList();

    /// <summary>The last part of a heading path: "Manual > Cleaning" → "Cleaning".</summary>
    private static string Section(string headingPath) => headingPath.Split(" > ")[^1];

    /// <summary>The first name to greet, or null when all we have is an address (the frame's greeting without a name).</summary>
    private static string? FirstName(string name)
    {
        var first = name.Contains('@') ? "" : name.Trim().Split(' ')[0];
        return first.Length == 0 ? null : first;
    }

    // A sentence ends at . ! or ?, but not after a step's number ("1. Switch the purifier on.").
    [GeneratedRegex(@"(?<=[.!?])(?<!^\s*\d{1,2}[.)])\s+")] private static partial Regex SentenceEnd();
    // A numbered step ("1." "2)"), a list item, or a table row ("a | b").
    [GeneratedRegex(@"^(?:\d{1,2}[.)]\s|[-*•+–·]\s)|\s\|\s")] private static partial Regex StepLine();
    [GeneratedRegex(@"^[*•+–·]\s+")] private static partial Regex Bullet();
    [GeneratedRegex(@"^1[.)]\s")] private static partial Regex FirstStep();
    [GeneratedRegex(@"^\d{1,2}(?:\.\d{1,2})+\.?\s+\p{Lu}[^.!?]{0,80}$")] private static partial Regex NumberedHeading();
    [GeneratedRegex(@"[.!?:;,|]$")] private static partial Regex ClauseEnd();
    [GeneratedRegex(@"[.!?:]$")] private static partial Regex ParagraphEnd();
}
