using System.Text.Json;

namespace SupportCopilot.Eval;

/// <summary>
/// <c>compare a.json b.json</c>: two retrieval reports over the same questions, paired by question id. A question is a
/// win for B when B puts its first relevant hit higher (reciprocal rank, 0 when not found), a loss when lower; ties
/// carry no information and are left out of the two-sided exact sign test, the test a claim like "hybrid beats lexical"
/// needs before it goes in a README (p &lt; 0.05).
/// </summary>
internal static class RetrievalCompare
{
    public static int Run(IReadOnlyList<string> files)
    {
        if (files.Count != 2) return CommandLine.Usage();
        var a = Ranks(files[0]);
        var b = Ranks(files[1]);
        var shared = a.Keys.Intersect(b.Keys).ToList();
        if (shared.Count == 0) { Console.Error.WriteLine("The two reports share no question id (run both with the same --questions)."); return 2; }
        var result = Compare(shared.Select(id => (a[id], b[id])).ToList());
        Console.WriteLine($"{shared.Count} questions in both ({a.Count - shared.Count} only in A, {b.Count - shared.Count} only in B)");
        Console.WriteLine($"B vs A by first relevant rank: {result.Wins} wins, {result.Losses} losses, {result.Ties} ties; sign test p = {result.P:0.####}");
        foreach (var k in new[] { 1, 5, 10 })
        {
            var (w, l) = (shared.Count(id => Hit(b[id], k) && !Hit(a[id], k)), shared.Count(id => Hit(a[id], k) && !Hit(b[id], k)));
            Console.WriteLine($"  recall@{k}: B finds {w} that A misses, A finds {l} that B misses; p = {SignTest(w, l):0.####}");
        }
        Console.WriteLine(result.P < 0.05 ? (result.Wins > result.Losses ? "B is better (p < 0.05)" : "A is better (p < 0.05)") : "No significant difference (p ≥ 0.05)");
        return 0;
    }

    public sealed record Comparison(int Wins, int Losses, int Ties, double P);

    /// <summary>Pairs of first relevant ranks (null: not found), A then B.</summary>
    public static Comparison Compare(IReadOnlyList<(int? A, int? B)> pairs)
    {
        var wins = pairs.Count(p => Reciprocal(p.B) > Reciprocal(p.A));
        var losses = pairs.Count(p => Reciprocal(p.B) < Reciprocal(p.A));
        return new Comparison(wins, losses, pairs.Count - wins - losses, SignTest(wins, losses));
    }

    /// <summary>Two-sided exact binomial test of wins against losses at p = ½ (1 when there is nothing to test).</summary>
    public static double SignTest(int wins, int losses)
    {
        var n = wins + losses;
        if (n == 0) return 1;
        var k = Math.Min(wins, losses);
        // P(X ≤ k) for X ~ Bin(n, ½), summed in log space so n in the thousands does not overflow.
        double tail = 0;
        for (var i = 0; i <= k; i++) tail += Math.Exp(LogChoose(n, i) - n * Math.Log(2));
        return Math.Min(1, 2 * tail);
    }

    private static double LogChoose(int n, int k)
    {
        double s = 0;
        for (var i = 1; i <= k; i++) s += Math.Log(n - k + i) - Math.Log(i);
        return s;
    }

    private static double Reciprocal(int? rank) => rank is { } r ? 1.0 / r : 0;
    private static bool Hit(int? rank, int k) => rank is { } r && r <= k;

    private static Dictionary<string, int?> Ranks(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        if (!doc.RootElement.TryGetProperty("perQuestion", out var list))
            throw new InvalidDataException($"{file} has no perQuestion list: write it with 'retrieval … --json'.");
        return list.EnumerateArray().ToDictionary(q => q.GetProperty("id").GetString()!,
            q => q.GetProperty("firstRelevantRank").ValueKind == JsonValueKind.Number ? q.GetProperty("firstRelevantRank").GetInt32() : (int?)null);
    }
}
