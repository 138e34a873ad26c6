using System.Text;
using System.Text.RegularExpressions;
using SupportCopilot.Core.Knowledge;

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
        var best = hits.OrderByDescending(h => h.Coverage).ThenByDescending(h => h.Score).FirstOrDefault();
        var confidence = best?.Coverage ?? 0;
        var text = new StringBuilder().AppendLine(greeting).AppendLine();
        var citations = new List<(int, SearchHit)>();

        if (best is null || confidence < UnsureBelow)
        {
            text.AppendLine($"Thank you for your message about \"{subject}\". I could not find a reliable answer to this in our documentation, " +
                            "so I am passing it to a specialist who will follow up with you personally.");
        }
        else
        {
            text.AppendLine($"Thank you for your message about \"{subject}\". Here is what our documentation says:").AppendLine();
            citations.Add((1, best));
            text.AppendLine($"{Excerpt(best.Text, terms)} [1]");
            var second = hits.Where(h => h.ChunkId != best.ChunkId && h.DocumentId != best.DocumentId && h.Coverage >= UnsureBelow)
                .OrderByDescending(h => h.Coverage).FirstOrDefault();
            if (second is not null)
            {
                citations.Add((2, second));
                text.AppendLine().AppendLine($"You may also find this helpful: {Excerpt(second.Text, terms)} [2]");
            }
            text.AppendLine().AppendLine("If this does not solve it, just reply to this message and we will take it from there.");
        }
        text.AppendLine().Append("Best regards");
        return new ComposedDraft(text.ToString(), Math.Round(confidence, 3), citations);
    }

    /// <summary>The sentences that carry query terms, in their original order, within a word budget.</summary>
    internal static string Excerpt(string passage, IReadOnlyList<string> terms)
    {
        var sentences = SentenceEnd().Split(Regex.Replace(passage, @"\s+", " ").Trim());
        var chosen = sentences.Where(s => QueryTerms.Coverage(terms, s) > 0).ToList();
        if (chosen.Count == 0) chosen = sentences.ToList();
        var words = 0;
        var result = new List<string>();
        foreach (var s in chosen)
        {
            var n = s.Split(' ').Length;
            if (words + n > MaxExcerptWords && result.Count > 0) break;
            result.Add(s);
            words += n;
        }
        return string.Join(" ", result);
    }

    private static string FirstName(string name)
    {
        var first = name.Contains('@') ? "there" : name.Trim().Split(' ')[0];
        return first.Length == 0 ? "there" : first;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")] private static partial Regex SentenceEnd();
}
