namespace SupportCopilot.Eval;

/// <summary>Overlap measures between a draft and the reply an agent actually sent.</summary>
internal static class TextSimilarity
{
    /// <summary>ROUGE-L F1 over lower-cased word tokens (letters and digits; punctuation ignored): the longest common
    /// subsequence's length against both texts' lengths, combined with β = 1.</summary>
    public static double RougeL(string candidate, string reference)
    {
        var c = Tokens(candidate);
        var r = Tokens(reference);
        if (c.Length == 0 || r.Length == 0) return 0;
        var lcs = Lcs(c, r);
        if (lcs == 0) return 0;
        var (precision, recall) = ((double)lcs / c.Length, (double)lcs / r.Length);
        return 2 * precision * recall / (precision + recall);
    }

    internal static string[] Tokens(string text) =>
        text.ToLowerInvariant().Split(text.Where(ch => !char.IsLetterOrDigit(ch)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);

    private static int Lcs(string[] a, string[] b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        foreach (var x in a)
        {
            for (var j = 1; j <= b.Length; j++)
                current[j] = x == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
