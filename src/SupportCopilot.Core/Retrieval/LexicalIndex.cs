using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Retrieval;

/// <summary>A chunk that matched, with a score where higher is better.</summary>
public sealed record LexicalHit(int ChunkId, double Score);

public interface ILexicalIndex
{
    /// <param name="documentIds">When given, only chunks of these documents.</param>
    Task<IReadOnlyList<LexicalHit>> SearchAsync(AppDbContext db, IReadOnlyList<string> terms, int top, IReadOnlyCollection<int>? documentIds, CancellationToken ct);
}

/// <summary>BM25 over the FTS5 table that the SQLite migration creates and its triggers keep in step with Chunks.</summary>
public sealed class SqliteFtsLexicalIndex : ILexicalIndex
{
    /// <summary>A query's terms, rarest first, may together match at most this share of the chunks (the rarest always stays).</summary>
    public const double PostingBudgetShare = 0.05;

    public async Task<IReadOnlyList<LexicalHit>> SearchAsync(AppDbContext db, IReadOnlyList<string> terms, int top, IReadOnlyCollection<int>? documentIds, CancellationToken ct)
    {
        if (terms.Count == 0 || documentIds is { Count: 0 }) return [];
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        var kept = await WithoutCommonTermsAsync(conn, terms, ct);
        // Every term is quoted, so user text can never inject FTS5 query syntax.
        var match = string.Join(" OR ", kept.Select(t => "\"" + t.Replace("\"", "\"\"") + "\""));
        await using var cmd = conn.CreateCommand();
        // Heading matches weigh double: a heading names what the passage is about.
        cmd.CommandText = documentIds is null
            ? "SELECT rowid, bm25(ChunksFts, 2.0, 1.0) FROM ChunksFts WHERE ChunksFts MATCH $q ORDER BY 2 LIMIT $top"
            : "SELECT f.rowid, bm25(ChunksFts, 2.0, 1.0) FROM ChunksFts f JOIN Chunks c ON c.Id = f.rowid " +
              $"WHERE ChunksFts MATCH $q AND c.DocumentId IN ({string.Join(',', documentIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)))}) ORDER BY 2 LIMIT $top";
        AddParameter(cmd, "$q", match);
        AddParameter(cmd, "$top", top);
        var hits = new List<LexicalHit>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            hits.Add(new LexicalHit(reader.GetInt32(0), -reader.GetDouble(1))); // bm25(): lower is better
        }
        return hits;
    }

    /// <summary>
    /// Keeps terms rarest first while their chunk counts add up to at most <see cref="PostingBudgetShare"/> of the
    /// chunks, and always the rarest one. FTS5 scores every row any term matches, so a few common words cost more than
    /// all the rest together — and BM25 gives them little weight anyway, so the ranking of what matters barely moves.
    /// </summary>
    private async Task<IReadOnlyList<string>> WithoutCommonTermsAsync(System.Data.Common.DbConnection conn, IReadOnlyList<string> terms, CancellationToken ct)
    {
        if (terms.Count < 2) return terms;
        await using var count = conn.CreateCommand();
        count.CommandText = "SELECT max(Id) FROM Chunks"; // an upper bound on the row count that costs nothing, unlike count(*)
        var rows = await count.ExecuteScalarAsync(ct) is long n and > 0 ? n : 0;
        if (rows < 1000) return terms; // small corpora are fast whatever the query
        var frequency = await DocumentFrequenciesAsync(conn, terms, rows, ct);
        long Frequency(string term) => StemCandidates(term).Select(c => frequency.GetValueOrDefault(c)).FirstOrDefault(f => f > 0);

        var budget = rows * PostingBudgetShare;
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

    /// <summary>How many chunks hold each candidate stem (0: not in the index). fts5vocab counts by walking the term's
    /// whole posting list, a third of a query's FTS time at 100k chunks, so counts are remembered: until a chunk is
    /// added (max(Id) moves), for at most <see cref="FrequencyLifetime"/>, and for at most 50,000 stems. Stale counts
    /// after a delete only shift which common word is dropped, never what matches.</summary>
    private async Task<Dictionary<string, long>> DocumentFrequenciesAsync(System.Data.Common.DbConnection conn, IReadOnlyList<string> terms, long rows, CancellationToken ct)
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
            cmd.CommandText = $"SELECT term, doc FROM ChunksFtsVocab WHERE term IN ({string.Join(',', names)})";
            for (var i = 0; i < missing.Count; i++) AddParameter(cmd, names[i], missing[i]);
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

    private static void AddParameter(System.Data.Common.DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}

/// <summary>
/// Fallback for SQL Server, which has no FTS without a full-text catalog: candidates by LIKE, scored by term hits.
/// Production lexical search moves to Qdrant sparse vectors (retrieval issue); this keeps the slice working meanwhile.
/// </summary>
public sealed class LikeLexicalIndex : ILexicalIndex
{
    public async Task<IReadOnlyList<LexicalHit>> SearchAsync(AppDbContext db, IReadOnlyList<string> terms, int top, IReadOnlyCollection<int>? documentIds, CancellationToken ct)
    {
        if (terms.Count == 0 || documentIds is { Count: 0 }) return [];
        var candidates = new Dictionary<int, string>();
        foreach (var term in terms.Take(8))
        {
            var pattern = "%" + term.Replace("[", "[[]").Replace("%", "[%]").Replace("_", "[_]") + "%";
            var rows = await db.Chunks.Where(c => EF.Functions.Like(c.Text, pattern) && (documentIds == null || documentIds.Contains(c.DocumentId)))
                .Select(c => new { c.Id, c.Text, c.HeadingPath }).Take(200).ToListAsync(ct);
            foreach (var r in rows) candidates[r.Id] = r.HeadingPath + " " + r.Text;
        }
        return candidates.Select(c => new LexicalHit(c.Key, QueryTerms.Coverage(terms, c.Value)))
            .OrderByDescending(h => h.Score).Take(top).ToList();
    }
}
