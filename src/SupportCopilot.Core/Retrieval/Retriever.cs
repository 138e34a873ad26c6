using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval.Qdrant;

namespace SupportCopilot.Core.Retrieval;

/// <summary>
/// Hybrid retrieval: BM25 over FTS5 always, dense search when an embedding model is configured, fused (RRF or
/// weighted), filtered by tags or documents, near-duplicates collapsed, one hit per section, with a confidence drafting uses
/// to say "unsure".
/// </summary>
public sealed partial class Retriever(IDbContextFactory<AppDbContext> dbFactory, ILexicalIndex lexical, EmbeddedVectorIndex vectors,
    IServiceProvider services, IOptions<RetrievalOptions> options, ILogger<Retriever> log)
{
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
    private readonly QdrantClient? _qdrant = services.GetService<QdrantClient>();
    private readonly QueryTranslator? _translator = services.GetService<QueryTranslator>();
    private readonly string _queryPrefix = EmbeddingPrompts.Query(services.GetService<IOptions<EmbeddingModelOptions>>()?.Value);

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int top = 5, CancellationToken ct = default) =>
        (await SearchAsync(new SearchRequest(query, top), ct)).Hits;

    public async Task<RetrievalResult> SearchAsync(SearchRequest request, CancellationToken ct = default)
    {
        using var span = Platform.Telemetry.Source.StartActivity("retrieval.search");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var record = new Platform.Timed(() => Platform.Telemetry.RetrievalMs.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        var o = options.Value;
        var top = Math.Clamp(request.Top, 1, SearchRequest.MaxTop);
        var terms = QueryTerms.Extract(request.Query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var documents = await FilterDocumentsAsync(db, request.Filters, ct);

        var pool = Math.Max(o.CandidatePool, top * 3);
        // The translation (a model call, when one applies) runs while the original query is searched.
        var translating = _translator is { Enabled: true } ? _translator.TranslateAsync(request.Query, ct) : Task.FromResult<string?>(null);
        var (fused, mode) = await FusedAsync(db, request.Query, terms, pool, documents, o, ct);
        var translated = await translating;
        IReadOnlyList<string> translatedTerms = [];
        if (translated is not null)
        {
            // Both queries' rankings are scaled to their own best hit, so the better score of either ranks a chunk.
            translatedTerms = QueryTerms.Extract(translated);
            var (other, _) = await FusedAsync(db, translated, translatedTerms, pool, documents, o, ct);
            fused = fused.Concat(other).GroupBy(f => f.ChunkId).Select(g => (g.Key, g.Max(f => f.Score))).OrderByDescending(f => f.Item2).Take(pool).ToList();
            mode += "+translated";
        }
        // The focus is searched as written, not translated again: the whole query's translation already holds its words.
        if (request.Focus is { } focus && o.FocusWeight > 0 && fused.Count > 0)
        {
            var (asked, _) = await FusedAsync(db, focus, QueryTerms.Extract(focus), pool, documents, o, ct);
            fused = WithFocus(fused, asked, o.FocusWeight);
        }
        if (fused.Count == 0) return RetrievalResult.Empty with { Mode = mode, TranslatedQuery = translated };

        var chunks = await ChunksAsync(db, fused.Select(f => f.ChunkId), ct);
        if (o.ProximityWeight > 0) fused = NearTermsFirst(fused, chunks, Proximity.Pairs(request.Query),
            translated is null ? [] : Proximity.Pairs(translated), o.ProximityWeight);
        var hits = new List<SearchHit>();
        var kept = new List<HashSet<string>>();
        foreach (var (chunkId, score) in fused)
        {
            if (!chunks.TryGetValue(chunkId, out var c)) continue; // deleted since the index saw it
            var shingles = Shingles(c.Text);
            if (kept.Any(k => Jaccard(k, shingles) >= o.DuplicateSimilarity)) continue;
            if (o.PassagesPerSection > 0 && hits.Count(h => h.DocumentId == c.DocumentId && h.HeadingPath == c.HeadingPath) >= o.PassagesPerSection) continue;
            kept.Add(shingles);
            var passage = c.HeadingPath + " " + c.Text;
            hits.Add(new SearchHit(c.Id, c.DocumentId, c.FileName, c.HeadingPath, c.PageStart, c.Text, Math.Round(score, 6),
                Math.Max(QueryTerms.Coverage(terms, passage), QueryTerms.Coverage(translatedTerms, passage))));
            if (hits.Count == Math.Max(top, CoverageWindow)) break; // the window is read even when fewer hits are asked for
        }
        if (o.CoverageLead > 0) CoverageFirst(hits, o.CoverageLead);
        if (hits.Count > top) hits.RemoveRange(top, hits.Count - top);
        return new RetrievalResult(hits, hits.Count == 0 ? 0 : Math.Round(hits[0].Coverage, 3), mode, translated);
    }

    /// <summary>How many of the first hits <see cref="CoverageFirst"/> looks at.</summary>
    internal const int CoverageWindow = 3;

    /// <summary>Scores within a fifth of each other are a tie retrieval cannot break (the drafter quotes such a close second
    /// too, <see cref="Drafting.ExtractiveDrafter.QuoteSecondAbove"/>); of the first three hits, one that ties with the
    /// first and holds at least <paramref name="lead"/> more of the question's terms goes first. The embedding and BM25's
    /// weight on one rare word can put a section that shares one word with the question above one that shares most of
    /// them.</summary>
    internal static void CoverageFirst(List<SearchHit> hits, double lead)
    {
        var pick = 0;
        for (var i = 1; i < Math.Min(CoverageWindow, hits.Count); i++)
            if (hits[i].Score >= Drafting.ExtractiveDrafter.QuoteSecondAbove * hits[0].Score && hits[i].Coverage - hits[pick].Coverage >= lead) pick = i;
        if (pick == 0) return;
        var hit = hits[pick];
        hits.RemoveAt(pick);
        hits.Insert(0, hit);
    }

    /// <summary>Both rankings scaled to their best hit and added, the focus's times its weight, then brought back to the
    /// whole query's scale (the proximity bonus and the drafter's close-second rule compare scores within one list).</summary>
    internal static List<(int ChunkId, double Score)> WithFocus(List<(int ChunkId, double Score)> whole, List<(int ChunkId, double Score)> focus, double weight)
    {
        if (focus.Count == 0) return whole;
        var (best, bestFocus) = (Math.Max(1e-9, whole[0].Score), Math.Max(1e-9, focus[0].Score));
        return whole.Select(f => (f.ChunkId, Score: f.Score / best)).Concat(focus.Select(f => (f.ChunkId, Score: weight * f.Score / bestFocus)))
            .GroupBy(f => f.ChunkId).Select(g => (g.Key, g.Sum(f => f.Score) * best / (1 + weight)))
            .OrderByDescending(f => f.Item2).ThenBy(f => f.Key).Take(Math.Max(whole.Count, focus.Count)).ToList();
    }

    /// <summary>A section whose text has the query's neighbouring words near each other moves up: every chunk of it
    /// gets the bonus of its best chunk, so which chunk stands for the section is still the fused ranking's choice.</summary>
    private static List<(int ChunkId, double Score)> NearTermsFirst(List<(int ChunkId, double Score)> fused, Dictionary<int, ChunkRow> chunks,
        IReadOnlyList<(string, string)> pairs, IReadOnlyList<(string, string)> translatedPairs, double weight)
    {
        var best = fused[0].Score;
        var rows = fused.Select(f => chunks.GetValueOrDefault(f.ChunkId)).OfType<ChunkRow>().ToList();
        var passages = rows.Select(c => c.HeadingPath + " " + c.Text).ToList();
        var (shares, translatedShares) = (Proximity.Shares(pairs, passages), Proximity.Shares(translatedPairs, passages));
        var bonus = new Dictionary<(int, string), double>();
        for (var i = 0; i < rows.Count; i++)
        {
            var section = (rows[i].DocumentId, rows[i].HeadingPath);
            bonus[section] = Math.Max(bonus.GetValueOrDefault(section), Math.Max(shares[i], translatedShares[i]));
        }
        return fused.Select(f => (f.ChunkId, chunks.TryGetValue(f.ChunkId, out var c) ? f.Score + weight * best * bonus[(c.DocumentId, c.HeadingPath)] : f.Score))
            .OrderByDescending(f => f.Item2).ThenBy(f => f.ChunkId).ToList();
    }

    private Task<(List<(int ChunkId, double Score)>, string)> FusedAsync(AppDbContext db, string query, IReadOnlyList<string> terms, int pool,
        IReadOnlyCollection<int>? documents, RetrievalOptions o, CancellationToken ct) =>
        _qdrant is null ? EmbeddedAsync(db, query, terms, pool, documents, o, ct) : QdrantAsync(query, terms, pool, documents, ct);

    private async Task<(List<(int ChunkId, double Score)>, string)> EmbeddedAsync(AppDbContext db, string query, IReadOnlyList<string> terms, int pool,
        IReadOnlyCollection<int>? documents, RetrievalOptions o, CancellationToken ct)
    {
        // Both searches run at once: the dense scan needs no database, so hybrid costs about the slower of the two.
        var denseTask = DenseAsync(query, pool, documents, ct);
        var lexicalHits = terms.Count == 0 ? [] : await lexical.SearchAsync(db, terms, pool, documents, ct);
        var denseHits = await denseTask;
        var mode = denseHits is null ? "lexical" : lexicalHits.Count == 0 ? "dense" : "hybrid";
        return (Fuse(lexicalHits, denseHits ?? [], o), mode);
    }

    /// <summary>Qdrant fuses dense and BM25-sparse itself (RRF); the tag filter arrives as the document ids it selected.</summary>
    private async Task<(List<(int ChunkId, double Score)>, string)> QdrantAsync(string query, IReadOnlyList<string> terms, int pool,
        IReadOnlyCollection<int>? documents, CancellationToken ct)
    {
        if (terms.Count == 0 || documents is { Count: 0 }) return ([], "qdrant");
        float[]? dense = null;
        if (_embedder is not null)
        {
            try { dense = (await _embedder.GenerateVectorAsync(_queryPrefix + (query.Length > 8000 ? query[..8000] : query), cancellationToken: ct)).ToArray(); }
            catch (Exception ex) when (EmbeddingChain.IsModelFailure(ex) && !ct.IsCancellationRequested) { LogDenseFailed(log, ex); }
        }
        var hits = await _qdrant!.QueryAsync(dense, SparseEncoder.Query(query), pool, null, documents, ct);
        return (hits.ToList(), dense is null ? "qdrant-sparse" : "qdrant-hybrid");
    }

    private sealed record ChunkRow(int Id, int DocumentId, string FileName, string HeadingPath, int? PageStart, string Text);

    /// <summary>The candidates' texts in one statement with the ids inlined (integers, so nothing to inject): through
    /// EF's parameterised Contains this took 1.7 ms of a 6 ms lexical search at 100k chunks.</summary>
    private static async Task<Dictionary<int, ChunkRow>> ChunksAsync(AppDbContext db, IEnumerable<int> ids, CancellationToken ct)
    {
        var list = string.Join(',', ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT c.Id, c.DocumentId, d.FileName, c.HeadingPath, c.PageStart, c.Text FROM Chunks c " +
                          $"JOIN Documents d ON d.Id = c.DocumentId WHERE c.Id IN ({list})";
        var rows = new Dictionary<int, ChunkRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows[reader.GetInt32(0)] = new ChunkRow(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetString(5));
        return rows;
    }

    /// <summary>Null: no filter. Empty: the filter matches no document (so nothing can be found).</summary>
    private static async Task<IReadOnlyCollection<int>?> FilterDocumentsAsync(AppDbContext db, SearchFilters? filters, CancellationToken ct)
    {
        if (filters is null || filters.IsEmpty) return null;
        var docs = db.Documents.AsQueryable();
        // One parameter (a JSON array), not one expression node per id.
        if (filters.DocumentIds is { } ids) docs = docs.Where(d => ids.Contains(d.Id));
        var tags = (filters.Tags ?? []).Where(t => t is not null).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        if (tags.Count == 0) return await docs.Select(d => d.Id).ToListAsync(ct);
        // Every tag must match. Matched here rather than as one LIKE per tag: thousands of chained Where calls made an
        // expression tree deep enough to overflow EF's query compiler's stack and kill the process (issue 21.4).
        // A knowledge base holds thousands of documents, not millions, so their tag strings are cheap to read.
        var tagged = await docs.Where(d => d.Tags != null && d.Tags != "").Select(d => new { d.Id, d.Tags }).ToListAsync(ct);
        return tagged.Where(d => tags.All(new HashSet<string>(d.Tags!.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Contains)).Select(d => d.Id).ToList();
    }

    private async Task<IReadOnlyList<(int ChunkId, float Score)>?> DenseAsync(string query, int pool, IReadOnlyCollection<int>? documents, CancellationToken ct)
    {
        if (_embedder is null || vectors.Count == 0 || string.IsNullOrWhiteSpace(query)) return null;
        await Task.Yield(); // let the lexical search start on this thread while the scan runs on the pool
        try
        {
            var embedding = await _embedder.GenerateVectorAsync(_queryPrefix + (query.Length > 8000 ? query[..8000] : query), cancellationToken: ct);
            return vectors.Search(embedding.Span, pool, documents?.ToHashSet());
        }
        catch (Exception ex) when (EmbeddingChain.IsModelFailure(ex) && !ct.IsCancellationRequested)
        {
            // A model that is down must not take search down with it: keyword search still answers.
            LogDenseFailed(log, ex);
            return null;
        }
    }

    /// <summary>
    /// Rrf: Σ 1/(k + rank) over both rankings — robust because it ignores the scales of BM25 and cosine.
    /// Weighted: each score divided by its list's best, then mixed by DenseWeight.
    /// </summary>
    internal static List<(int ChunkId, double Score)> Fuse(IReadOnlyList<LexicalHit> lexical, IReadOnlyList<(int ChunkId, float Score)> dense, RetrievalOptions o)
    {
        if (dense.Count == 0) return lexical.Select(h => (h.ChunkId, h.Score)).ToList();
        if (lexical.Count == 0) return dense.Select(h => (h.ChunkId, (double)h.Score)).ToList();
        var scores = new Dictionary<int, double>();
        if (o.Fusion == "Weighted")
        {
            var maxL = lexical.Max(h => h.Score);
            var maxD = Math.Max(1e-9, dense.Max(h => h.Score));
            foreach (var h in lexical) scores[h.ChunkId] = (1 - o.DenseWeight) * (maxL > 0 ? h.Score / maxL : 0);
            foreach (var h in dense) scores[h.ChunkId] = scores.GetValueOrDefault(h.ChunkId) + o.DenseWeight * Math.Max(0, h.Score / maxD);
        }
        else
        {
            for (var i = 0; i < lexical.Count; i++) scores[lexical[i].ChunkId] = 1.0 / (o.RrfK + i + 1);
            for (var i = 0; i < dense.Count; i++) scores[dense[i].ChunkId] = scores.GetValueOrDefault(dense[i].ChunkId) + 1.0 / (o.RrfK + i + 1);
        }
        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Select(s => (s.Key, s.Value)).ToList();
    }

    private static HashSet<string> Shingles(string text)
    {
        var words = text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 3) return [string.Join(' ', words)];
        return Enumerable.Range(0, words.Length - 2).Select(i => $"{words[i]} {words[i + 1]} {words[i + 2]}").ToHashSet();
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        var inter = a.Count(b.Contains);
        return inter == 0 ? 0 : (double)inter / (a.Count + b.Count - inter);
    }

    [LoggerMessage(LogLevel.Warning, "Dense search unavailable; answering with keyword search only")]
    private static partial void LogDenseFailed(ILogger logger, Exception ex);
}
