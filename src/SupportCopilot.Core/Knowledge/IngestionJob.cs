namespace SupportCopilot.Core.Knowledge;

public enum IngestionJobKind { Ingest, Embed }

public enum JobStatus { Queued, Running, Succeeded, Failed }

/// <summary>
/// One unit of background work on a document. Workers lease it with a conditional update (only one wins),
/// keep the lease alive with heartbeats, and a lease that runs out (a killed process) frees it for another worker.
/// </summary>
public sealed class IngestionJob
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    /// <summary>The document version this job was made for; a newer upload makes it moot.</summary>
    public int DocumentVersion { get; set; }
    public IngestionJobKind Kind { get; set; }
    public JobStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? HeartbeatAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}
