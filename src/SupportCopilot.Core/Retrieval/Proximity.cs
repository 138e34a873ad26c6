namespace SupportCopilot.Core.Retrieval;

/// <summary>
/// Term proximity: BM25 and the embedding see a passage's words, not their order, so "reset the remote" scores the same
/// on a passage saying "reset" in one paragraph and "remote" in another. The query's neighbouring content words (stop
/// words skipped, never across a sentence or line end) are pairs; a passage's share is the weight of the pairs that
/// stand within <see cref="Window"/> words of each other in it (<see cref="Shares"/>). Words match by prefix, as
/// <see cref="QueryTerms.Coverage"/> does.
/// </summary>
public static class Proximity
{
    /// <summary>"replace the filter" → replace, filter: 3 words apart at most, chosen on three sets (eval/README.md).</summary>
    public const int Window = 3;
    /// <summary>A long ticket yields many pairs; the first ones (its subject and opening) say most.</summary>
    public const int MaxPairs = 15;

    public static IReadOnlyList<(string A, string B)> Pairs(string query)
    {
        var pairs = new List<(string, string)>();
        string? previous = null;
        foreach (var (word, clauseEnds) in Words(query))
        {
            if (word.Length >= 2 && !QueryTerms.StopWords.Contains(word))
            {
                if (previous is not null && previous != word && !pairs.Contains((previous, word))) pairs.Add((previous, word));
                if (pairs.Count == MaxPairs) break;
                previous = word;
            }
            if (clauseEnds) previous = null;
        }
        return pairs;
    }

    /// <summary>
    /// Per passage, 0–1: the weighted share of the pairs found near each other in it. A pair weighs like a BM25 term,
    /// log((N + 1) / (n + 0.5)) over the N passages given, n of which have it: a pair near in most candidates ("living
    /// room" in a purifier's knowledge base) says little about which one answers. Unweighted, that pair lifted a
    /// section past the right document on the knowledge samples (eval/README.md, "Words side by side").
    /// </summary>
    public static double[] Shares(IReadOnlyList<(string A, string B)> pairs, IReadOnlyList<string> passages)
    {
        if (pairs.Count == 0) return new double[passages.Count];
        var near = passages.Select(p => Near(pairs, p)).ToList();
        var weights = Enumerable.Range(0, pairs.Count).Select(k => Math.Log((passages.Count + 1.0) / (near.Count(n => n[k]) + 0.5))).ToArray();
        var total = weights.Sum();
        return near.Select(n => total <= 0 ? 0 : Enumerable.Range(0, pairs.Count).Where(k => n[k]).Sum(k => weights[k]) / total).ToArray();
    }

    /// <summary>Which of the pairs have their two words within <see cref="Window"/> words of each other in the passage.</summary>
    public static bool[] Near(IReadOnlyList<(string A, string B)> pairs, string passage)
    {
        if (pairs.Count == 0) return [];
        var terms = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct().ToArray();
        var stems = terms.Select(Stem).ToArray();
        var index = terms.Select((t, k) => (t, k)).ToDictionary(x => x.t, x => x.k);
        // Per term, the pairs it is in (as the index of its partner); where each term was last seen.
        var partners = terms.Select(t => pairs.Select((p, n) => (p, n)).Where(x => x.p.A == t || x.p.B == t)
            .Select(x => (Pair: x.n, Other: index[x.p.A == t ? x.p.B : x.p.A])).ToArray()).ToArray();
        var last = Enumerable.Repeat(int.MinValue / 2, terms.Length).ToArray();
        var near = new bool[pairs.Count];
        var lower = passage.ToLowerInvariant().Replace("'", ""); // "don't" → "dont", as QueryTerms does
        var position = 0;
        for (var start = 0; start < lower.Length;)
        {
            if (!char.IsLetterOrDigit(lower[start])) { start++; continue; }
            var end = start;
            while (end < lower.Length && char.IsLetterOrDigit(lower[end])) end++;
            var word = lower.AsSpan(start, end - start);
            for (var k = 0; k < stems.Length; k++)
            {
                if (!word.StartsWith(stems[k], StringComparison.Ordinal)) continue;
                last[k] = position;
                foreach (var (pair, other) in partners[k])
                    if (position - last[other] <= Window) near[pair] = true;
            }
            position++;
            start = end;
        }
        return near;
    }

    private static string Stem(string term) => term.Length > 5 ? term[..^2] : term;

    /// <summary>Lower-case words, each with whether a sentence, clause or line ends right after it.</summary>
    private static IEnumerable<(string Word, bool ClauseEnds)> Words(string text)
    {
        var word = new System.Text.StringBuilder();
        for (var i = 0; i <= text.Length; i++)
        {
            var ch = i < text.Length ? text[i] : '\n';
            if (char.IsLetterOrDigit(ch)) { word.Append(char.ToLowerInvariant(ch)); continue; }
            if (ch == '\'') continue; // "don't" → "dont", as QueryTerms does
            var ends = ch is '.' or '?' or '!' or '\n' or ';' or ':' or ',';
            if (word.Length > 0) { yield return (word.ToString(), ends); word.Clear(); }
            else if (ends) yield return ("", true);
        }
    }
}
