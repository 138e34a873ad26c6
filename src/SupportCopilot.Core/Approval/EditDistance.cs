namespace SupportCopilot.Core.Approval;

/// <summary>Token-level edit distance, the measure behind "unchanged / light edit (&lt; 20%) / heavy edit".</summary>
public static class EditDistance
{
    public const double LightEditBelow = 0.20;

    /// <summary>Levenshtein distance over whitespace tokens divided by the longer token count: 0 = same, 1 = rewritten.</summary>
    public static double Ratio(string original, string edited)
    {
        var a = original.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var b = edited.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var longer = Math.Max(a.Length, b.Length);
        return longer == 0 ? 0 : Math.Round((double)Distance(a, b) / longer, 4);
    }

    private static int Distance(string[] a, string[] b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
