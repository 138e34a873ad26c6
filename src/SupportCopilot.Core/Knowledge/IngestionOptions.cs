using System.ComponentModel.DataAnnotations;

namespace SupportCopilot.Core.Knowledge;

public sealed class IngestionOptions
{
    public const string Section = "Ingestion";
    /// <summary>Uploads above this are refused before anything is stored.</summary>
    [Range(1024, 2L * 1024 * 1024 * 1024)] public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;
    /// <summary>How long a worker owns a job without a heartbeat; a killed worker's job is picked up after this.</summary>
    [Range(2, 3600)] public int LeaseSeconds { get; set; } = 60;
    [Range(1, 20)] public int MaxAttempts { get; set; } = 3;
    /// <summary>Extraction of one document may take this long; a hostile or broken file cannot hold a worker forever.</summary>
    [Range(0.001, 3600)] public double DocumentTimeoutSeconds { get; set; } = 120;
    [Range(1, 1024)] public int EmbeddingBatchSize { get; set; } = 32;
    public ChunkingOptions Chunking { get; set; } = new();
}
