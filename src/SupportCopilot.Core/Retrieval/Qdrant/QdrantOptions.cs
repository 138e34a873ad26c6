using System.ComponentModel.DataAnnotations;

namespace SupportCopilot.Core.Retrieval.Qdrant;

/// <summary>`Search:Qdrant:*`, used when `Search:Provider` is Qdrant.</summary>
public sealed class QdrantOptions
{
    public const string Section = "Search:Qdrant";
    public Uri? Url { get; set; }
    /// <summary>Sent as the `api-key` header; from configuration or environment only.</summary>
    public string? ApiKey { get; set; }
    [Required] public string Collection { get; set; } = "supportcopilot";
    [Range(1, 600)] public int TimeoutSeconds { get; set; } = 30;
    [Range(1, 1000)] public int UpsertBatchSize { get; set; } = 64;
    [Range(1, 10)] public int MaxAttempts { get; set; } = 3;
}
