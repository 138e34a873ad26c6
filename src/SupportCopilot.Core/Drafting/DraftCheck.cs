using System.Text.RegularExpressions;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Drafting;

/// <summary>
/// Post-checks a model's draft before an agent ever sees it: every [n] names a passage that was given, at least one
/// is cited, every quoted span appears in a passage or the ticket, no URL, e-mail address or phone number appears
/// that is not in the passages or our own configured contact details, and — when the ticket's language is known — the
/// answer is in that language. A failed check rejects the draft (the chain falls back).
/// Contact details from the ticket do not count (issue 18): the ticket is the one text an attacker controls, and a
/// link or number of theirs in our reply is what an injection is after. The customer's own details (placeholders
/// here) are never repeated by the model either; an agent may type them.
/// </summary>
public static partial class DraftCheck
{
    /// <summary>Below this detector confidence a language is a guess: neither the ticket's nor the answer's is enforced then.</summary>
    public const double LanguageConfidence = 0.6;

    /// <summary>The language of a ticket's latest turn when the detector is sure of it, else null (a guess enforces nothing).</summary>
    public static string? TicketLanguage(string subject, string body)
    {
        var (detected, sure) = Triage.LanguageDetector.Detect(subject + "\n" + body);
        return sure >= LanguageConfidence ? detected : null;
    }

    /// <param name="pastReplies">Replies to similar tickets given as evidence, cited [T1], [T2]: they count as citations
    /// and quotable sources, never as a source of contact details.</param>
    public static string? Check(string draft, IReadOnlyList<SearchHit> passages, string ticketText, string? ticketLanguage = null,
        IReadOnlyCollection<string>? ownContacts = null, IReadOnlyList<string>? pastReplies = null)
    {
        if (string.IsNullOrWhiteSpace(draft)) return "empty answer";
        var cited = Citation().Matches(draft).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (cited.Any(n => n < 1 || n > passages.Count)) return $"cites a passage that does not exist ([{cited.First(n => n < 1 || n > passages.Count)}])";
        var past = CitedPast(draft);
        var known = pastReplies?.Count ?? 0;
        if (past.Any(n => n < 1 || n > known)) return $"cites a past reply that does not exist ([T{past.First(n => n < 1 || n > known)}])";
        if (cited.Count == 0 && past.Count == 0) return "cites no passage";

        var sources = Normalize(string.Join("\n", passages.Select(p => p.Text)) + "\n" + ticketText + "\n" + string.Join("\n", pastReplies ?? []));
        foreach (Match q in Quote().Matches(draft))
        {
            if (!sources.Contains(Normalize(q.Groups[1].Value), StringComparison.Ordinal)) return $"quotes text that is in no passage: \"{Short(q.Groups[1].Value)}\"";
        }
        var contactSources = Normalize(string.Join("\n", passages.Select(p => p.Text)) + "\n" + string.Join("\n", ownContacts ?? []));
        foreach (var regex in new[] { Url(), Email(), Phone() })
        {
            foreach (Match m in regex.Matches(draft))
            {
                var value = m.Value.TrimEnd('.', ',', ')');
                if (!contactSources.Contains(Normalize(value), StringComparison.Ordinal))
                    return $"contains {value}, which is in neither the knowledge passages nor our own contact details";
            }
        }
        if (ContactPlaceholder().Match(draft) is { Success: true } own) return $"repeats the customer's contact details ({own.Value})";
        if (ticketLanguage is not null)
        {
            // Quotes are left out: a German reply may rightly quote an English manual.
            var (language, confidence) = Triage.LanguageDetector.Detect(Quote().Replace(Citation().Replace(draft, " "), " "));
            if (confidence >= LanguageConfidence && language != ticketLanguage) return $"answered in '{language}', the ticket is in '{ticketLanguage}'";
        }
        return null;
    }

    /// <summary>The passage numbers a draft cites, in order of first use.</summary>
    public static IReadOnlyList<int> Cited(string draft) =>
        Citation().Matches(draft).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();

    /// <summary>The past-reply numbers a draft cites ([T1] → 1), in order of first use.</summary>
    public static IReadOnlyList<int> CitedPast(string draft) =>
        PastCitation().Matches(draft).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();

    private static string Normalize(string s) => Whitespace().Replace(s.ToLowerInvariant(), " ");

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;

    [GeneratedRegex(@"\[(\d{1,3})\]")] private static partial Regex Citation();
    [GeneratedRegex(@"\[T(\d{1,2})\]")] private static partial Regex PastCitation();
    [GeneratedRegex("[\"“]([^\"”\\n]{12,300})[\"”]")] private static partial Regex Quote();
    [GeneratedRegex(@"https?://[^\s)\]]+|www\.[^\s)\]]+", RegexOptions.IgnoreCase)] private static partial Regex Url();
    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")] private static partial Regex Email();
    [GeneratedRegex(@"\+?\d[\d\s().-]{7,}\d")] private static partial Regex Phone();
    [GeneratedRegex(@"\s+")] private static partial Regex Whitespace();
    [GeneratedRegex(@"\[(EMAIL|PHONE)_\d+\]")] private static partial Regex ContactPlaceholder();
}
