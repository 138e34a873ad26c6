using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Memory;

/// <summary>A remembered reply that matched, with its cosine similarity to the query (term coverage without embeddings).</summary>
public sealed record MemoryHit(int Id, int TicketId, string Subject, string CustomerText, string ReplyText, string? Category, string? Queue,
    string? Language, MemorySource Source, double Similarity, DateTime CreatedAt);

/// <summary>The vectors of remembered replies, apart from the knowledge chunks' (ids are memory entry ids).</summary>
public sealed class MemoryVectors(EmbeddedVectorIndex index)
{
    public EmbeddedVectorIndex Index { get; } = index;
}

/// <summary>
/// The team's memory of sent replies: written (redacted) when a reply is approved or a past ticket is imported with
/// its answer, searched hybrid — BM25 over the customer's words and the subject, cosine over their embedding — to find
/// how similar tickets were answered.
/// </summary>
public sealed class ReplyMemories(IDbContextFactory<AppDbContext> dbFactory, MemoryRedactor redactor, MemoryVectors vectors,
    IServiceProvider services, IOptions<RetrievalOptions> options)
{
    public const int MaxText = 8000;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
    private readonly double _showAbove = services.GetService<IOptions<MemoryOptions>>()?.Value.ShowAbove ?? new MemoryOptions().ShowAbove;
    private readonly Retrieval.Qdrant.QdrantClient? _qdrant = QdrantCollection(services);

    /// <summary>With Search:Provider Qdrant: the reply-memory collection ("{collection}-memory"); otherwise null.</summary>
    internal static Retrieval.Qdrant.QdrantClient? QdrantCollection(IServiceProvider services) =>
        services.GetService<Retrieval.Qdrant.QdrantClient>() is { } client
            ? client.ForCollection(services.GetRequiredService<IOptions<Retrieval.Qdrant.QdrantOptions>>().Value.Collection + "-memory")
            : null;

    /// <summary>A new, redacted entry for the caller to add to its unit of work (so it commits with the approval or import).</summary>
    public ReplyMemory Create(Ticket ticket, string customerText, string reply, MemorySource source, DateTime at,
        string? agentUserId = null, string? agentName = null, double? editRatio = null)
    {
        var people = new MemoryPeople(ticket.CustomerName, ticket.CustomerEmail, agentName);
        return new ReplyMemory
        {
            Ticket = ticket, TicketId = ticket.Id, Source = source, CreatedAt = at, AgentUserId = agentUserId, EditRatio = editRatio,
            Subject = Cap(redactor.Redact(ticket.Subject, people, writtenByAgent: false), 500),
            CustomerText = Cap(redactor.Redact(customerText, people, writtenByAgent: false), MaxText),
            ReplyText = Cap(redactor.Redact(reply, people, writtenByAgent: true), MaxText),
            Category = ticket.Triage?.Category, Queue = ticket.Queue, Language = ticket.Triage?.Language,
        };
    }

    internal static string Cap(string s, int max = MaxText) => s.Length <= max ? s : s[..max];

    /// <summary>What the ticket page shows: the nearest answered tickets that are at least <see cref="MemoryOptions.ShowAbove"/> similar.</summary>
    public async Task<IReadOnlyList<MemoryHit>> SimilarAsync(string query, int top, int? excludeTicketId, CancellationToken ct = default) =>
        (await SearchAsync(query, top, excludeTicketId, ct)).Where(h => h.Similarity >= _showAbove).ToList();

    /// <param name="excludeTicketId">The ticket being answered: its own earlier replies are not "similar tickets".</param>
    public async Task<IReadOnlyList<MemoryHit>> SearchAsync(string query, int top = 3, int? excludeTicketId = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(query)) return [];
        var terms = QueryTerms.Extract(query);
        var pool = Math.Max(options.Value.CandidatePool, top * 4);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var queryVector = await EmbedAsync(query, ct);
        // A few spare candidates cover the ticket being answered and entries erased since the index saw them.
        var ranked = await QdrantAsync(query, queryVector, top + 8, ct);
        if (ranked is null)
        {
            // The vector scan needs no database: it runs on the pool while BM25 runs here, so hybrid costs the slower of the two.
            var denseTask = queryVector is null || vectors.Index.Count == 0
                ? Task.FromResult<IReadOnlyList<(int, float)>>([])
                : Task.Run(() => vectors.Index.Search(queryVector, pool), ct);
            var lexical = terms.Count == 0 ? [] : await LexicalAsync(db, terms, pool, ct);
            ranked = Retriever.Fuse(lexical, await denseTask, options.Value).Select(f => f.ChunkId).Take(top + 8).ToList();
        }
        if (ranked.Count == 0) return [];
        // Rows read after the ranking: an entry erased meanwhile is simply not found, never shown.
        var rows = await db.ReplyMemories.AsNoTracking().Where(m => ranked.Contains(m.Id) && m.TicketId != excludeTicketId).ToDictionaryAsync(m => m.Id, ct);
        return ranked.Where(rows.ContainsKey).Take(top).Select(id =>
        {
            var m = rows[id];
            var similarity = queryVector is not null && m.Vector is { Length: > 0 } v && v.Length == queryVector.Length * sizeof(float)
                ? System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(queryVector, MemoryMarshal.Cast<byte, float>(v))
                : QueryTerms.Coverage(terms, m.Subject + " " + m.CustomerText);
            return new MemoryHit(m.Id, m.TicketId, m.Subject, m.CustomerText, m.ReplyText, m.Category, m.Queue, m.Language, m.Source,
                Math.Round(Math.Clamp(similarity, 0, 1), 3), m.CreatedAt);
        }).ToList();
    }

    /// <summary>Qdrant fuses dense and BM25-sparse itself; null (use the embedded index) without Qdrant, without a query
    /// vector, or when Qdrant fails — similar tickets are a help, not worth an error page.</summary>
    private async Task<List<int>?> QdrantAsync(string query, float[]? queryVector, int limit, CancellationToken ct)
    {
        if (_qdrant is null || queryVector is null) return null;
        try { return (await _qdrant.QueryAsync(queryVector, Retrieval.Qdrant.SparseEncoder.Query(query), limit, null, null, ct)).Select(h => h.ChunkId).ToList(); }
        catch (Retrieval.Qdrant.QdrantException) { return null; }
    }

    private async Task<float[]?> EmbedAsync(string text, CancellationToken ct)
    {
        if (_embedder is null) return null;
        try { return (await _embedder.GenerateVectorAsync(Cap(text), cancellationToken: ct)).ToArray(); }
        catch (Exception ex) when (EmbeddingChain.IsModelFailure(ex) && !ct.IsCancellationRequested) { return null; } // keyword search still answers
    }

    /// <summary>BM25 over ReplyMemoriesFts on SQLite (kept in step by triggers); elsewhere candidates by LIKE, scored by term coverage.</summary>
    /// <summary>Common words are left out only from 20,000 entries on, where they start to cost (bench memory); below,
    /// every word helps the ranking of short tickets.</summary>
    private static readonly FtsTermBudget Budget = new("ReplyMemoriesFtsVocab", "ReplyMemories", fromRows: 20_000);

    private static async Task<IReadOnlyList<LexicalHit>> LexicalAsync(AppDbContext db, IReadOnlyList<string> terms, int top, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            var candidates = new Dictionary<int, string>();
            foreach (var term in terms.Take(8))
            {
                var pattern = "%" + term.Replace("[", "[[]").Replace("%", "[%]").Replace("_", "[_]") + "%";
                foreach (var r in await db.ReplyMemories.Where(m => EF.Functions.Like(m.CustomerText, pattern) || EF.Functions.Like(m.Subject, pattern))
                             .Select(m => new { m.Id, m.Subject, m.CustomerText }).Take(200).ToListAsync(ct))
                    candidates[r.Id] = r.Subject + " " + r.CustomerText;
            }
            return candidates.Select(c => new LexicalHit(c.Key, QueryTerms.Coverage(terms, c.Value))).OrderByDescending(h => h.Score).Take(top).ToList();
        }
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        terms = await Budget.KeepAsync(conn, terms, ct);
        await using var cmd = conn.CreateCommand();
        // Every term quoted: customer text never becomes FTS5 query syntax.
        cmd.CommandText = "SELECT rowid, bm25(ReplyMemoriesFts, 1.0, 1.0) FROM ReplyMemoriesFts WHERE ReplyMemoriesFts MATCH $q ORDER BY 2 LIMIT $top";
        SqliteFtsLexicalIndex.AddParameter(cmd, "$q", string.Join(" OR ", terms.Select(t => "\"" + t.Replace("\"", "\"\"") + "\"")));
        SqliteFtsLexicalIndex.AddParameter(cmd, "$top", top);
        var hits = new List<LexicalHit>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) hits.Add(new LexicalHit(reader.GetInt32(0), -reader.GetDouble(1)));
        return hits;
    }
}
