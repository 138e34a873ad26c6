namespace SupportCopilot.Core.Knowledge;

public enum DocumentStatus { Pending, Ready, Failed }

public sealed class KnowledgeDocument
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required string ContentHash { get; set; }
    public long SizeBytes { get; set; }
    public int? PageCount { get; set; }
    public DocumentStatus Status { get; set; }
    public string? FailureReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<KnowledgeChunk> Chunks { get; set; } = [];
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
    public required string Text { get; set; }
}
