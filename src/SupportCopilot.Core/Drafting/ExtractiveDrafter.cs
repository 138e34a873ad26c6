using System.Text;
using System.Text.RegularExpressions;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Drafting;

public sealed record ComposedDraft(string Text, double Confidence, IReadOnlyList<(int Number, SearchHit Hit)> Citations);

/// <summary>
/// The drafter that needs no model: it quotes the best-matching passages, cites them, and says plainly when it
/// found nothing it trusts. It is the last link of the model chain, so a draft always exists.
/// </summary>
public static partial class ExtractiveDrafter
{
    public const string ModelName = "extractive";
    public const string PromptVersion = "extractive-v1";
    /// <summary>Below this share of query terms found in the best passage, the draft admits it is unsure.</summary>
    public const double UnsureBelow = 0.35;
    private const int MaxExcerptWords = 90;

    public static ComposedDraft Compose(string customerName, string subject, IReadOnlyList<string> terms, IReadOnlyList<SearchHit> hits)
    {
        var greeting = $"Hi {FirstName(customerName)},";
        // BM25 order decides which passage to quote; coverage of the query terms decides whether we trust it.
        var best = hits.FirstOrDefault(h => h.Coverage >= UnsureBelow);
        var confidence = best?.Coverage ?? hits.Select(h => h.Coverage).DefaultIfEmpty(0).Max();
        var text = new StringBuilder().AppendLine(greeting).AppendLine();
        var citations = new List<(int, SearchHit)>();

        if (best is null)
        {
            text.AppendLine($"Thank you for your message about \"{subject}\". I could not find a reliable answer to this in our documentation, " +
                            "so I am passing it to a specialist who will follow up with you personally.");
        }
        else
        {
            text.AppendLine($"Thank you for your message about \"{subject}\". Here is what our documentation says:").AppendLine();
            citations.Add((1, best));
            text.AppendLine($"{Excerpt(best.Text, terms, best.HeadingPath)} [1]");
            // A second source is pointed to, not quoted: two quoted passages read like a search result, not a reply.
            var second = hits.FirstOrDefault(h => h.DocumentId != best.DocumentId && h.Coverage >= UnsureBelow);
            if (second is not null)
            {
                citations.Add((2, second));
                text.AppendLine().AppendLine($"More on this: \"{Section(second.HeadingPath)}\"{(second.Page is { } p ? $", page {p}" : "")} [2]");
            }
            text.AppendLine().AppendLine("If this does not solve it, just reply to this message and we will take it from there.");
        }
        text.AppendLine().Append("Best regards");
        return new ComposedDraft(text.ToString(), Math.Round(confidence, 3), citations);
    }

    /// <summary>
    /// The best-matching sentences (or table rows and list items: lines count as units too), picked by how many
    /// query terms they carry, within a word budget, then put back in their original order. When the best match is
    /// part of a procedure (numbered steps, a list, table rows), the whole procedure is quoted with its lead-in line:
    /// the step that solves the problem ("remove the plastic bag") rarely shares the most words with the question.
    /// </summary>
    internal static string Excerpt(string passage, IReadOnlyList<string> terms, string headingPath = "")
    {
        var title = Section(headingPath);
        var lines = passage.Split('\n').Select(l => Regex.Replace(l, @"\s+", " ").Trim()).ToList();
        var units = lines.SelectMany((line, index) => SentenceEnd().Split(line).Select(u => (text: u.Trim(), line: index)))
            .Where(u => u.text.Length > 0 && u.text != title)
            .Select((u, position) => (u.text, u.line, position, score: QueryTerms.Coverage(terms, u.text))).ToList();
        var top = units.Where(u => u.score > 0).OrderByDescending(u => u.score).ThenBy(u => u.position).FirstOrDefault();
        if (top.text is not null && (Procedure(lines, top.line) ?? ProcedureAfter(lines, top.line)) is { } steps)
        {
            // A description matched ("E2 means the fan does not run"): it leads the steps that solve it.
            var lead = top.line < steps.First && !lines[top.line].EndsWith(':') ? top.text : null;
            var quoted = QuoteProcedure(lines, steps, lead);
            if (quoted is not null) return quoted;
        }
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
        return string.Join(" ", chosen.OrderBy(u => u.position).Select(u => u.text.TrimEnd(' ', '|')));
    }

    /// <summary>A procedure is generous but bounded: a 12-step guide fits, a whole chapter of lists does not.</summary>
    private const int MaxProcedureWords = 220;

    /// <summary>The lines [first, last] of the run of steps that holds the given line, or null when it is not a step.
    /// One plain line between two steps (a note under step 4) belongs to the run.</summary>
    private static (int First, int Last)? Procedure(List<string> lines, int line)
    {
        bool Step(int i) => i >= 0 && i < lines.Count && StepLine().IsMatch(lines[i]);
        if (!Step(line) && !(Step(line - 1) && Step(line + 1))) return null;
        var (first, last) = (line, line);
        while (Step(first - 1) || (Step(first - 2) && lines[first - 1].Length > 0)) first--;
        while (!Step(first)) first++;
        while (Step(last + 1) || (Step(last + 2) && lines[last + 1].Length > 0)) last++;
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

    /// <summary>The steps on lines of their own, after the line that leads into them ("To replace the filter:") and
    /// the matched sentence, or null when they do not fit the budget (the best sentences are quoted instead).</summary>
    private static string? QuoteProcedure(List<string> lines, (int First, int Last) steps, string? lead)
    {
        var from = steps.First > 0 && lines[steps.First - 1].EndsWith(':') ? steps.First - 1 : steps.First;
        var quoted = lines[from..(steps.Last + 1)].Where(l => l.Length > 0).Select(l => Bullet().Replace(l, "- ").TrimEnd(' ', '|')).ToList();
        if (lead is not null) quoted.Insert(0, lead);
        return quoted.Sum(l => l.Split(' ').Length) > MaxProcedureWords ? null : string.Join('\n', quoted);
    }

    /// <summary>The last part of a heading path: "Manual > Cleaning" → "Cleaning".</summary>
    private static string Section(string headingPath) => headingPath.Split(" > ")[^1];

    private static string FirstName(string name)
    {
        var first = name.Contains('@') ? "there" : name.Trim().Split(' ')[0];
        return first.Length == 0 ? "there" : first;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")] private static partial Regex SentenceEnd();
    // A numbered step ("1." "2)"), a list item, or a table row ("a | b").
    [GeneratedRegex(@"^(?:\d{1,2}[.)]\s|[-*•+–·]\s)|\s\|\s")] private static partial Regex StepLine();
    [GeneratedRegex(@"^[*•+–·]\s+")] private static partial Regex Bullet();
}
