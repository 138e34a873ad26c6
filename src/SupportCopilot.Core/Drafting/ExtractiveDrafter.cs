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
    /// query terms they carry, within a word budget, then put back in their original order.
    /// </summary>
    internal static string Excerpt(string passage, IReadOnlyList<string> terms, string headingPath = "")
    {
        var title = Section(headingPath);
        var units = passage.Split('\n').SelectMany(line => SentenceEnd().Split(line.Trim()))
            .Select(u => Regex.Replace(u, @"\s+", " ").Trim()).Where(u => u.Length > 0 && u != title)
            .Select((text, position) => (text, position, score: QueryTerms.Coverage(terms, text))).ToList();
        var words = 0;
        var chosen = new List<(string text, int position, double score)>();
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

    /// <summary>The last part of a heading path: "Manual > Cleaning" → "Cleaning".</summary>
    private static string Section(string headingPath) => headingPath.Split(" > ")[^1];

    private static string FirstName(string name)
    {
        var first = name.Contains('@') ? "there" : name.Trim().Split(' ')[0];
        return first.Length == 0 ? "there" : first;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")] private static partial Regex SentenceEnd();
}
