namespace SupportCopilot.Core.Retrieval;

/// <summary>Restricts a search to documents carrying all the tags, and/or to the listed documents.</summary>
public sealed record SearchFilters(IReadOnlyList<string>? Tags = null, IReadOnlyList<int>? DocumentIds = null)
{
    /// <summary>Filters beyond these counts are refused by the API: nobody narrows a search by thousands of tags.</summary>
    public const int MaxTags = 50, MaxDocumentIds = 1000;

    public bool IsEmpty => (Tags is null || Tags.Count == 0) && DocumentIds is null;
}

public sealed record SearchRequest(string Query, int Top = 10, SearchFilters? Filters = null)
{
    public const int MaxTop = 50;

    /// <summary>The part of the query that asks (<see cref="TicketQuery.Focus"/>): searched as well and mixed in at
    /// <see cref="RetrievalOptions.FocusWeight"/>. Null: the query alone.</summary>
    public string? Focus { get; init; }
}

/// <summary>A retrieved chunk. Score is the fused score (or BM25 alone); Coverage is the share of query terms it contains.</summary>
public sealed record SearchHit(int ChunkId, int DocumentId, string FileName, string HeadingPath, int? Page, string Text, double Score, double Coverage);

/// <param name="Confidence">0–1: how likely the top hit answers the query (the share of query terms it covers).</param>
/// <param name="Mode">lexical, dense or hybrid, so the UI and logs can say how the hits were found.</param>
/// <param name="TranslatedQuery">The query as translated for a knowledge base in another language, when it was.</param>
public sealed record RetrievalResult(IReadOnlyList<SearchHit> Hits, double Confidence, string Mode, string? TranslatedQuery = null)
{
    public static readonly RetrievalResult Empty = new([], 0, "lexical");

    /// <summary>The terms to pick sentences by: the query's, and its translation's when it was translated.</summary>
    public IReadOnlyList<string> Terms(string query) =>
        TranslatedQuery is null ? QueryTerms.Extract(query) : [.. QueryTerms.Extract(query).Concat(QueryTerms.Extract(TranslatedQuery)).Distinct()];
}

public sealed class RetrievalOptions
{
    public const string Section = "Search";
    /// <summary>Embedded: SQLite FTS5 plus the in-memory vector index. Qdrant: Qdrant's hybrid query (Search:Qdrant:*).</summary>
    [System.ComponentModel.DataAnnotations.AllowedValues("Embedded", "Qdrant")] public string Provider { get; set; } = "Embedded";
    /// <summary>How lexical and dense rankings are combined: Rrf (reciprocal-rank fusion) or Weighted (normalised scores).
    /// Weighted 0.4 is the default because paired comparisons on three sets chose it (eval/README.md, 2026-12-05): with
    /// all-MiniLM-L6-v2 it is never significantly worse than BM25 alone or than any other weight on any set, beats BM25 on
    /// the knowledge samples (sign test p = 0.02) and beats the old 0.7 on the real E-Manual (157 wins, 49 losses), where
    /// 0.7 and RRF lost to BM25 alone.
    /// Re-run the harness when switching embedding models: cosine scales differ between models, RRF does not care.</summary>
    [System.ComponentModel.DataAnnotations.AllowedValues("Rrf", "Weighted")] public string Fusion { get; set; } = "Weighted";
    [System.ComponentModel.DataAnnotations.Range(1, 1000)] public int RrfK { get; set; } = 60;
    /// <summary>Weight of the dense score in Weighted fusion (the lexical one gets the rest).</summary>
    [System.ComponentModel.DataAnnotations.Range(0.0, 1.0)] public double DenseWeight { get; set; } = 0.4;
    /// <summary>Int8 (the default): a byte per dimension — a quarter of the memory, a third of the scan time, cosine off by
    /// ~0.001; the evaluation harness measured identical recall, MRR and nDCG on both question sets (eval/README.md).
    /// None: float32 vectors, exact.</summary>
    [System.ComponentModel.DataAnnotations.AllowedValues("None", "Int8")] public string Quantization { get; set; } = "Int8";
    /// <summary>Candidates taken from each index before fusion. 100 rather than 50: a relevant chunk that one ranking
    /// puts at 60 can still win on the other (E-Manual recall@10 0.955 → 0.965; eval/README.md, 2026-12-05).</summary>
    [System.ComponentModel.DataAnnotations.Range(10, 1000)] public int CandidatePool { get; set; } = 100;
    /// <summary>BM25 weight of a chunk's heading path against its text (1 = a heading word counts like a text word).
    /// It was 2: that lost to 1 on E-Manual (41 wins, 22 losses with the larger pool, sign test p = 0.02) and on the
    /// knowledge samples (recall@1 0.650 → 0.683): every chunk of a section carries the same heading, so a doubled heading
    /// match lifts all of them, tiny ones included, over the one chunk whose text holds the answer.</summary>
    [System.ComponentModel.DataAnnotations.Range(0.1, 10.0)] public double HeadingWeight { get; set; } = 1.0;
    /// <summary>A query in a language no document is written in is translated into the knowledge base's main language
    /// by the chat model, or with no model into English by the glossary (<see cref="Glossary"/>), and searched in both
    /// (<see cref="QueryTranslator"/>).</summary>
    public bool TranslateQueries { get; set; } = true;
    /// <summary>How long search waits for that translation before going on with the original query alone.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 120)] public int TranslateTimeoutSeconds { get; set; } = 10;
    /// <summary>Hits kept from one section (one document's heading path); 0 keeps all. A long section is cut into several
    /// chunks that all match the same query, and its second and third chunk pushed other sections out of the top five:
    /// at 1 the real E-Manual gains recall@5 0.883 → 0.892 (32 questions ranked higher, none lower; recall@5 6 won, 0 lost,
    /// sign test p = 0.03) and nothing moves on the knowledge samples or the eShop manuals, nor in the extractive drafts
    /// (eval/README.md, 2026-12-06). Capping per document instead cost the samples recall@5 0.917 → 0.817.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 50)] public int PassagesPerSection { get; set; } = 1;
    /// <summary>How far a section moves up when the query's neighbouring words stand near each other in it
    /// (<see cref="Proximity"/>): its score gains this share of the best hit's score times the weighted share of pairs
    /// found near; 0 turns it off. 0.5 on the real E-Manual: recall@1 / @5 / MRR 0.639 / 0.892 / 0.752 → 0.696 / 0.942 /
    /// 0.801 (114 questions ranked higher, 11 lower; sign test p &lt; 0.001); knowledge samples 2 / 1 and eShop manuals
    /// 0 / 0, no recall lost, drafts unchanged there (eval/README.md, 2026-12-06).</summary>
    [System.ComponentModel.DataAnnotations.Range(0.0, 10.0)] public double ProximityWeight { get; set; } = 0.5;
    /// <summary>Weight of a ticket's own questions (<see cref="SearchRequest.Focus"/>) against the whole ticket: each ranking
    /// is scaled to its best hit and the two are added, this one times the weight; 0 turns it off. 0.5 on the knowledge
    /// samples: recall@1 0.717 → 0.750, 5 questions ranked higher, 0 lower, key-sentence completeness 50 → 52 of 60 (S006,
    /// S060 won, none lost); the eShop manuals and the real E-Manual do not move (their questions are one sentence, so
    /// there is no focus) — an in-sample gain, on our own tickets (eval/README.md, 2026-12-06). Weight 1 drafted the
    /// same, the questions without the subject lost S005 and S051.</summary>
    [System.ComponentModel.DataAnnotations.Range(0.0, 10.0)] public double FocusWeight { get; set; } = 0.5;
    /// <summary>How many more of the question's terms (as a share) a hit among the first three must hold than the first,
    /// scoring within a fifth of it, to go first (<see cref="Retriever.CoverageFirst"/>); 0 turns it off. 0.3 on the real
    /// E-Manual: recall@1 0.696 → 0.709 (11 questions ranked higher, 3 lower; recall@1 11 found / 2 lost, sign test
    /// p = 0.02), relevant first quotes in drafts 477 → 485 of 684 (10 / 2); the knowledge samples and the eShop manuals do
    /// not move. None of its neighbours (a lead of 0.25 or 0.35; a tie within a tenth or three tenths) costs the samples or
    /// the eShop manuals a first hit or does worse than the default on E-Manual; a lead of 0.2 cost the samples two first
    /// hits (eval/README.md, 2026-12-06).</summary>
    [System.ComponentModel.DataAnnotations.Range(0.0, 1.0)] public double CoverageLead { get; set; } = 0.3;
    /// <summary>Two hits whose word 3-gram sets overlap at least this much are near-duplicates: only the better one stays.</summary>
    [System.ComponentModel.DataAnnotations.Range(0.5, 1.0)] public double DuplicateSimilarity { get; set; } = 0.8;
}
