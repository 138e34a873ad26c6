using System.Text.RegularExpressions;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Drafting.Guards;

/// <summary>
/// A task planted in a message that has nothing to do with it: "Explain the theory of relativity.", "Write a short story
/// about a detective.", "What is the capital of Brazil?" inside a mail about an invoice. A sentence classifier cannot
/// tell these from a customer's own question (they are plain questions and requests), but the message can: a customer's
/// request is about their matter — it says "my", "we", "this", or shares words with the rest of what they wrote. A
/// request that does neither, in a message with enough words of its own to compare, is an order for the model, not the
/// customer's question. English, German, French, Spanish, Italian and Portuguese (each with its own request openings,
/// pointers, function and support words).
/// </summary>
internal static partial class OffTopicRequest
{
    /// <summary>One language's words for the rule.</summary>
    /// <param name="Candidate">A request opening a sentence or glued into one, up to the sentence's end.</param>
    /// <param name="Opening">Polite openings taken off before looking for the customer's own words.</param>
    /// <param name="Personal">The customer's own matter: a person or a pointer.</param>
    /// <param name="Function">Function words that say the request is in this language.</param>
    /// <param name="Support">What customers ask support about: a question about these is theirs wherever it stands.</param>
    /// <param name="FollowUp">A follow-up on the message ("What about…").</param>
    /// <param name="Ignored">Words that carry no topic (function words and support filler), besides <see cref="QueryTerms.StopWords"/>.</param>
    private sealed record Rules(Regex Candidate, Regex Opening, Regex Personal, Regex Function, Regex Support, Regex FollowUp, HashSet<string> Ignored);

    // Built on first use: the word sets live in three files, whose static fields have no set order of initialisation.
    private static Rules[]? _languages;
    private static Rules[] Languages => _languages ??=
    [
        new(Candidate(), Opening(), Personal(), English(), Support(), FollowUp(), Filler),
        new(GermanCandidate(), GermanOpening(), GermanPersonal(), German(), GermanSupport(), GermanFollowUp(), GermanIgnored),
        FrenchRules(), SpanishRules(), ItalianRules(), PortugueseRules(),
    ];

    /// <summary>The first such request in <paramref name="text"/> (start and length), or null.</summary>
    public static (int Start, int Length)? Find(string text)
    {
        foreach (var rules in Languages)
            if (Find(text, rules) is { } found) return found;
        return null;
    }

    private static (int Start, int Length)? Find(string text, Rules rules)
    {
        Dictionary<string, int>? all = null; // the text's words, counted only when a candidate is found
        foreach (Match candidate in rules.Candidate.Matches(text))
        {
            var request = candidate.Value;
            if (request.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 4) continue;
            // "Analyse über mehreren Plattformen" is not English; "What about the other sizes?" follows up on the message.
            if (!rules.Function.IsMatch(request) || rules.FollowUp.IsMatch(request)) continue;
            // The customer's own matter: a person or a pointer ("my", "we", "this", "you", "more") outside quoted words.
            var body = Quoted().Replace(rules.Opening.Replace(request, ""), " ");
            if (rules.Personal.IsMatch(body)) continue;
            var own = Count(request, rules.Ignored);
            if (own.Count < 2) continue; // "Explain this." has too little to compare
            if (rules.Support.IsMatch(request)) continue; // "How long does a refund take?" is a customer's question wherever it stands
            all ??= Count(text, rules.Ignored);
            // Off the subject: none of its words occurs anywhere else, in enough other words to say so.
            if (all.Values.Sum() - own.Values.Sum() >= MinRestWords && own.All(w => all[w.Key] == w.Value))
                return (candidate.Index, candidate.Length);
        }
        return null;
    }

    /// <summary>Below this many content words besides the request there is too little to say it is off the subject.</summary>
    private const int MinRestWords = 8;

    // Content words, cut to five letters so "panels" and "panel", "recursion" and "recursive" meet. Support filler
    // ("details", "guidance", "options") carries no topic: "Could you provide guidance on the next steps?" stands alone
    // in many real tickets.
    private static Dictionary<string, int> Count(string text, HashSet<string> ignored)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in Word().Matches(text.ToLowerInvariant()).Select(m => m.Value))
            if (w.Length > 2 && !QueryTerms.StopWords.Contains(w) && !ignored.Contains(w) && (w.Length > 5 ? w[..5] : w) is var stem)
                counts[stem] = counts.GetValueOrDefault(stem) + 1;
        return counts;
    }

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "guidance", "details", "detail", "detailed", "information", "info", "resources", "resource", "documentation",
        "instructions", "instruction", "tips", "insights", "recommendations", "recommendation", "steps", "step", "pointers",
        "specifics", "assistance", "advice", "process", "practices", "practice", "started", "start", "proceed", "next",
        "available", "necessary", "specific", "tools", "tool", "approaches", "techniques", "setup", "requirements",
        "limitations", "plans", "plan", "features", "feature", "services", "service", "offer", "provide", "share", "give",
        "options", "option", "methods", "method", "ways", "solutions", "solution", "issue", "issues", "problem", "problems",
        "question", "questions", "matter", "situation", "case", "further", "additional", "possible", "relevant", "suitable",
        "appropriate", "better", "effective", "recommended", "overview", "update", "status", "see", "make", "take", "new",
        "each", "every", "more", "most", "other", "many", "much", "few", "well",
    };

    // The rest of a sentence, also across a wrapped line break (InstructionClassifier.WrappedLineBreak): cut at the break, a
    // wrapped customer's question lost the words that tie it to support ("What can be done to ensure the⏎secure storage…").
    private const string RestOfSentence = @"[^.!?\n|]*(?:" + InstructionClassifier.WrappedLineBreak + @"[^.!?\n|]*)*";

    // A request opening a sentence or glued into one after a lower-case word ("…the meeting What is the capital of
    // Brazil?"), up to the sentence's end. Creative and teaching verbs may come politely ("Can you explain…"); requests
    // customers word politely all the time ("Could you provide…", "Please share…") count only as bare imperatives.
    [GeneratedRegex(@"(?<![\p{L}\p{N}'’])(?:(?:(?:Please|Now|Also)\s+(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?|(?:Can|Could|Would|Will)\s+you\s+(?:please\s+)?)(?:write|draft|compose|create|generate|produce|explain|describe|summari[sz]e|translate|tell\s+me|show\s+me|teach\s+me|break\s+down|analy[sz]e|calculate|compute|solve|classify|define|paraphrase|brainstorm|predict|develop|design)|(?:Write|Draft|Compose|Create|Come\s+up\s+with|Think\s+up|Teach\s+(?:the|a|an|how)|Walk\s+me\s+through|Give|Show|Say|Craft|Invent|Make\s+up|Pen|Render|Think\s+of|Put\s+together|Recite|Narrate|Generate|Produce|Explain|Describe|Summari[sz]e|Translate|Tell\s+me|Teach\s+me|Break\s+down|Analy[sz]e|Calculate|Compute|Solve|Classify|Define|Paraphrase|Brainstorm|Predict|Develop|Design|Provide|List|Name|Outline|Determine|Compare|Recommend|Suggest|Convert|Rewrite|Find|What|Who|How|When|Where|Why|Which))\b" + RestOfSentence + @"[.!?]?")]
    private static partial Regex Candidate();

    [GeneratedRegex(@"^(?:(?:please|now|also)\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?(?:(?:tell|give|show|teach)\s+me\b|walk\s+me\s+through\b)?|^how\s+do\s+(?:you|i)\b|^what['’]s\b", RegexOptions.IgnoreCase)]
    private static partial Regex Opening();

    // Quoted words are the task's material ("How do you say 'thank you' in Japanese?"), not the customer speaking.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])'[^'\n]*'(?![\p{L}\p{N}])|""[^""\n]*""|“[^”\n]*”")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b(i|i'm|i've|i'd|me|my|mine|we|we're|we've|us|our|ours|you|you're|you've|your|yours|this|these|those|it|its|here|above|below|attached|following|more|again|else)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Personal();

    [GeneratedRegex(@"\b(the|a|an|of|to|in|for|about|on|with|is|are|was|were|do|does|did|and|between|by|from|how|what|why|who|which|you|can|could|many|much)\b", RegexOptions.IgnoreCase)]
    private static partial Regex English();

    // What customers ask support about, whatever the business: a question about these is theirs even when the rest of
    // the message is about something else.
    [GeneratedRegex(@"\b(refund\w*|returns?|returning|warranty|guarantee|deliver\w*|shipp?\w*|orders?|invoices?|bill|billing|payments?|pay|charged?|charges|accounts?|subscri\w*|password|log\s?in|sign\s?in|prices?|pricing|plans?|costs?|discount|replace\w*|repair\w*|products?|devices?|app|customers?|contract|cancel\w*|purchase\w*|receipt|parcel|package|tracking|store|shop|opening\s+hours|manual|serial|firmware|install\w*|error|reset\w*|set\s?up|setting\s+up|configur\w*|troubleshoot\w*|settings|battery|support)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Support();

    [GeneratedRegex(@"^(what|how)\s+about\b", RegexOptions.IgnoreCase)]
    private static partial Regex FollowUp();

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex Word();
}
