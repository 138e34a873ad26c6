using System.Text;

namespace SupportCopilot.Core.Retrieval.Qdrant;

/// <summary>A sparse vector: term ids and weights, both sorted by id.</summary>
public sealed record SparseVector(uint[] Indices, float[] Values);

/// <summary>
/// BM25 term weights computed in the app, for Qdrant sparse vectors with the IDF modifier: a document term weighs
/// tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen)); Qdrant multiplies by the IDF it keeps per collection. Query terms
/// weigh 1. Terms are the same as lexical search uses (lower case, stop-words dropped), hashed to 32-bit ids.
/// </summary>
public static class SparseEncoder
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    /// <summary>Average chunk length in terms; a constant keeps vectors independent of the corpus (≈ 350 tokens of prose).</summary>
    private const double AverageLength = 150;

    public static SparseVector Document(string text)
    {
        var terms = QueryTerms.Extract(text, maxTerms: int.MaxValue, distinct: false);
        var counts = terms.GroupBy(Id).ToDictionary(g => g.Key, g => g.Count());
        var norm = K1 * (1 - B + B * terms.Count / AverageLength);
        return Build(counts.Select(c => (c.Key, (float)(c.Value * (K1 + 1) / (c.Value + norm)))));
    }

    public static SparseVector Query(string text) =>
        Build(QueryTerms.Extract(text).Select(t => (Id(t), 1f)).DistinctBy(t => t.Item1));

    /// <summary>FNV-1a over the UTF-8 bytes: stable across processes and versions, unlike string.GetHashCode.</summary>
    internal static uint Id(string term)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(term)) hash = (hash ^ b) * 16777619u;
        return hash;
    }

    private static SparseVector Build(IEnumerable<(uint Id, float Weight)> entries)
    {
        var sorted = entries.OrderBy(e => e.Id).ToArray();
        return new SparseVector(sorted.Select(e => e.Id).ToArray(), sorted.Select(e => e.Weight).ToArray());
    }
}
