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
public sealed class SqliteFtsLexicalIndex(Microsoft.Extensions.Options.IOptions<RetrievalOptions> options) : ILexicalIndex
{
    /// <summary>A query's terms, rarest first, may together match at most this share of the chunks (the rarest always stays).</summary>
    public const double PostingBudgetShare = FtsTermBudget.Share;
    private readonly FtsTermBudget _budget = new("ChunksFtsVocab", "Chunks");

    public async Task<IReadOnlyList<LexicalHit>> SearchAsync(AppDbContext db, IReadOnlyList<string> terms, int top, IReadOnlyCollection<int>? documentIds, CancellationToken ct)
    {
        if (terms.Count == 0 || documentIds is { Count: 0 }) return [];
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        var kept = await _budget.KeepAsync(conn, terms, ct);
        // Every term is quoted, so user text can never inject FTS5 query syntax.
        var match = string.Join(" OR ", kept.Select(t => "\"" + t.Replace("\"", "\"\"") + "\""));
        await using var cmd = conn.CreateCommand();
        // The heading column's weight is a validated number (Search:HeadingWeight), formatted invariantly: nothing to inject.
        var bm25 = $"bm25(ChunksFts, {options.Value.HeadingWeight.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture)}, 1.0)";
        cmd.CommandText = documentIds is null
            ? $"SELECT rowid, {bm25} FROM ChunksFts WHERE ChunksFts MATCH $q ORDER BY 2 LIMIT $top"
            : $"SELECT f.rowid, {bm25} FROM ChunksFts f JOIN Chunks c ON c.Id = f.rowid " +
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

    internal static void AddParameter(System.Data.Common.DbCommand cmd, string name, object value)
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
