using System.Data.Common;

namespace SupportCopilot.Core.Retrieval;

/// <summary>
/// The query terms worth giving an FTS5 table (shared by the knowledge chunks and reply memory): FTS5 scores every row
/// any term matches, so a few common words cost more than all the rest together, and BM25 gives them little weight anyway.
/// </summary>
/// <param name="vocabulary">The table's fts5vocab ('row') table.</param>
/// <param name="content">The content table (its max(Id) bounds the row count).</param>
/// <param name="fromRows">Below this many rows every term is kept: small tables are fast whatever the query, and dropping
/// terms costs ranking quality (on reply memory's 1,744 replay tickets it cut ROUGE-L from 0.206 to 0.189).</param>
public sealed class FtsTermBudget(string vocabulary, string content, long fromRows = 1000)
{
    /// <summary>A query's terms, rarest first, may together match at most this share of the rows (the rarest always stays).</summary>
    public const double Share = 0.05;

    /// <summary>
    /// Keeps terms rarest first while their row counts add up to at most <see cref="Share"/> of the
    /// rows, and always the rarest one; the ranking of what matters barely moves.
    /// </summary>
    public async Task<IReadOnlyList<string>> KeepAsync(DbConnection conn, IReadOnlyList<string> terms, CancellationToken ct)
    {
        if (terms.Count < 2) return terms;
        await using var count = conn.CreateCommand();
        count.CommandText = $"SELECT max(Id) FROM {content}"; // an upper bound on the row count that costs nothing, unlike count(*)
        var rows = await count.ExecuteScalarAsync(ct) is long n and > 0 ? n : 0;
        if (rows < fromRows) return terms;
        var frequency = await DocumentFrequenciesAsync(conn, terms, rows, ct);
        long Frequency(string term) => StemCandidates(term).Select(c => frequency.GetValueOrDefault(c)).FirstOrDefault(f => f > 0);

        var budget = rows * Share;
        var kept = new List<string>();
        long postings = 0;
        foreach (var term in terms.OrderBy(Frequency))
        {
            if (kept.Count > 0 && postings + Frequency(term) > budget) continue;
            kept.Add(term);
            postings += Frequency(term);
        }
        return kept;
    }

    /// <summary>How many rows hold each candidate stem (0: not in the index). fts5vocab counts by walking the term's
    /// whole posting list, a third of a query's FTS time at 100k chunks, so counts are remembered: until a row is
    /// added (max(Id) moves), for at most <see cref="FrequencyLifetime"/>, and for at most 50,000 stems. Stale counts
    /// after a delete only shift which common word is dropped, never what matches.</summary>
    private async Task<Dictionary<string, long>> DocumentFrequenciesAsync(DbConnection conn, IReadOnlyList<string> terms, long rows, CancellationToken ct)
    {
        // The index stores Porter stems. Porter mostly strips suffixes, so a term's stem is usually its longest
        // prefix present in the vocabulary (plus the y → i case: "battery" → "batteri"). No match keeps the term.
        var candidates = terms.SelectMany(StemCandidates).Distinct().ToList();
        var known = _frequencies;
        if (known.Rows != rows || known.Since < DateTime.UtcNow - FrequencyLifetime || known.Counts.Count > 50_000)
            known = _frequencies = new FrequencyCache(rows, DateTime.UtcNow, new(StringComparer.Ordinal));
        var missing = candidates.Where(c => !known.Counts.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            await using var cmd = conn.CreateCommand();
            var names = missing.Select((_, i) => "$t" + i).ToList();
            cmd.CommandText = $"SELECT term, doc FROM {vocabulary} WHERE term IN ({string.Join(',', names)})";
            for (var i = 0; i < missing.Count; i++) SqliteFtsLexicalIndex.AddParameter(cmd, names[i], missing[i]);
            var found = new Dictionary<string, long>(StringComparer.Ordinal);
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) found[reader.GetString(0)] = reader.GetInt64(1);
            foreach (var c in missing) known.Counts[c] = found.GetValueOrDefault(c);
        }
        return candidates.ToDictionary(c => c, c => known.Counts.GetValueOrDefault(c), StringComparer.Ordinal);
    }

    private static readonly TimeSpan FrequencyLifetime = TimeSpan.FromMinutes(10);
    private volatile FrequencyCache _frequencies = new(0, DateTime.MinValue, new(StringComparer.Ordinal));

    private sealed record FrequencyCache(long Rows, DateTime Since, System.Collections.Concurrent.ConcurrentDictionary<string, long> Counts);

    /// <summary>The term's possible stems, longest first: the word, its y→i form, then shorter prefixes (≥ 3 letters).</summary>
    internal static IEnumerable<string> StemCandidates(string term)
    {
        if (term.EndsWith('y') && term.Length > 3) yield return term[..^1] + "i";
        for (var len = term.Length; len >= Math.Min(3, term.Length); len--) yield return term[..len];
    }

}
