namespace SupportCopilot.Core.Knowledge;

public enum DocumentStatus { Pending, Processing, Ready, Failed }

/// <summary>
/// A knowledge document. Its identity is its file name: uploading a changed file under the same name replaces the
/// content (Version+1) and the chunks are swapped atomically when processing succeeds.
/// </summary>
public sealed class KnowledgeDocument
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required string ContentHash { get; set; }
    public long SizeBytes { get; set; }
    public int? PageCount { get; set; }
    /// <summary>Space-separated free tags (product, language...), used as search filters.</summary>
    public string? Tags { get; set; }
    public int Version { get; set; } = 1;
    public DocumentStatus Status { get; set; }
    public string? FailureReason { get; set; }
    /// <summary>The embedding model the chunks are embedded with; null when not embedded.</summary>
    public string? EmbeddingModel { get; set; }
    public string? EmbeddingError { get; set; }
    /// <summary>The language its text is written in (ISO 639-1), detected at ingestion; null when unclear. Search
    /// translates a query written in another language (<see cref="Retrieval.QueryTranslator"/>).</summary>
    public string? Language { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<KnowledgeChunk> Chunks { get; set; } = [];
}

/// <summary>The original bytes, kept apart so listing documents never loads them.</summary>
public sealed class DocumentContent
{
    public int DocumentId { get; set; }
    public required byte[] Bytes { get; set; }
}

/// <summary>A passage of a document: the unit that search finds and drafts cite.</summary>
public sealed class KnowledgeChunk
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    public KnowledgeDocument? Document { get; set; }
    public int Ordinal { get; set; }
    public required string HeadingPath { get; set; }
    public int? PageStart { get; set; }
    public int? PageEnd { get; set; }
    /// <summary>Offsets into the document's extracted text (sections joined by a blank line).</summary>
    public int CharStart { get; set; }
    public int CharEnd { get; set; }
    public int TokenCount { get; set; }
    public required string Text { get; set; }
}

/// <summary>A chunk's vector, with the model and dimension it came from (a model change re-embeds).</summary>
public sealed class ChunkEmbedding
{
    public int ChunkId { get; set; }
    public required string Model { get; set; }
    public int Dimensions { get; set; }
    /// <summary>float32 little-endian.</summary>
    public required byte[] Vector { get; set; }
}
