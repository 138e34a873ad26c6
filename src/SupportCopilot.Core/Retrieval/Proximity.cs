namespace SupportCopilot.Core.Retrieval;

/// <summary>
/// Term proximity: BM25 and the embedding see a passage's words, not their order, so "reset the remote" scores the same
/// on a passage saying "reset" in one paragraph and "remote" in another. The query's neighbouring content words (stop
/// words skipped, never across a sentence or line end) are pairs; a passage's share is the weight of the pairs that
/// stand within <see cref="Window"/> words of each other in it (<see cref="Shares"/>). Words match by prefix, as
/// <see cref="QueryTerms.Coverage"/> does.
/// </summary>
internal static class Proximity
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
        var finder = new Finder(pairs);
        var near = passages.Select(finder.Near).ToList();
        var weights = Enumerable.Range(0, pairs.Count).Select(k => Math.Log((passages.Count + 1.0) / (near.Count(n => n[k]) + 0.5))).ToArray();
        var total = weights.Sum();
        return near.Select(n => total <= 0 ? 0 : Enumerable.Range(0, pairs.Count).Where(k => n[k]).Sum(k => weights[k]) / total).ToArray();
    }

    /// <summary>Which of the pairs have their two words within <see cref="Window"/> words of each other in the passage.</summary>
    public static bool[] Near(IReadOnlyList<(string A, string B)> pairs, string passage) => pairs.Count == 0 ? [] : new Finder(pairs).Near(passage);

    /// <summary>The query's side, prepared once for the hundred candidates of a search: one pass over each passage,
    /// no copy of it (a lower-cased copy per candidate cost a search 2–4 ms on one core).</summary>
    private sealed class Finder
    {
        private readonly int _pairs;
        private readonly string[] _stems;
        private readonly (int Pair, int Other)[][] _partners;

        public Finder(IReadOnlyList<(string A, string B)> pairs)
        {
            _pairs = pairs.Count;
            var terms = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct().ToArray();
            _stems = terms.Select(Stem).ToArray();
            var index = terms.Select((t, k) => (t, k)).ToDictionary(x => x.t, x => x.k);
            // Per term, the pairs it is in, each with the index of its partner.
            _partners = terms.Select(t => pairs.Select((p, n) => (p, n)).Where(x => x.p.A == t || x.p.B == t)
                .Select(x => (x.n, index[x.p.A == t ? x.p.B : x.p.A])).ToArray()).ToArray();
        }

        public bool[] Near(string passage)
        {
            var near = new bool[_pairs];
            Span<int> last = _stems.Length <= 64 ? stackalloc int[_stems.Length] : new int[_stems.Length]; // where each term was last seen
            last.Fill(int.MinValue / 2);
            var position = 0;
            Span<char> word = stackalloc char[64];
            for (var start = 0; start < passage.Length;)
            {
                if (!char.IsLetterOrDigit(passage[start])) { start++; continue; }
                // The word lower-cased, apostrophes left out ("Don't" → "dont", as QueryTerms reads the query).
                var length = 0;
                for (; start < passage.Length && (char.IsLetterOrDigit(passage[start]) || passage[start] == '\''); start++)
                    if (passage[start] != '\'' && length < word.Length) word[length++] = char.ToLowerInvariant(passage[start]);
                for (var k = 0; k < _stems.Length; k++)
                {
                    if (!word[..length].StartsWith(_stems[k], StringComparison.Ordinal)) continue;
                    last[k] = position;
                    foreach (var (pair, other) in _partners[k])
                        if (position - last[other] <= Window) near[pair] = true;
                }
                position++;
            }
            return near;
        }
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
