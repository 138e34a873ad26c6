using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Knowledge;

public sealed record SearchHit(int ChunkId, int DocumentId, string FileName, string HeadingPath, int? Page, string Text, double Score, double Coverage);

/// <summary>Lexical retrieval over the indexed chunks. The retrieval issue adds dense search and fusion here.</summary>
public sealed class KnowledgeSearch(IDbContextFactory<AppDbContext> dbFactory, ILexicalIndex lexical)
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top = 5, CancellationToken ct = default)
    {
        var terms = QueryTerms.Extract(query);
        if (terms.Count == 0) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hits = await lexical.SearchAsync(db, terms, top, ct);
        var ids = hits.Select(h => h.ChunkId).ToList();
        // No status filter: chunks exist only for a version that processed successfully, so a document being
        // re-processed stays searchable with its previous chunks until the new ones replace them.
        var chunks = await db.Chunks.Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.DocumentId, c.Document!.FileName, c.HeadingPath, c.PageStart, c.Text })
            .ToDictionaryAsync(c => c.Id, ct);
        return hits.Where(h => chunks.ContainsKey(h.ChunkId)).Select(h =>
        {
            var c = chunks[h.ChunkId];
            return new SearchHit(c.Id, c.DocumentId, c.FileName, c.HeadingPath, c.PageStart, c.Text, h.Score,
                QueryTerms.Coverage(terms, c.HeadingPath + " " + c.Text));
        }).ToList();
    }
}
