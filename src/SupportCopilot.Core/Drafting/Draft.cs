namespace SupportCopilot.Core.Drafting;

public enum DraftStatus { Proposed, Approved, Rejected, Superseded }

/// <summary>Manual: the agent wrote the reply themselves (after rejecting, or with no draft worth keeping).</summary>
/// <summary>Escalation: the extractive "I could not find this" reply — the ticket goes to the escalation queue and stays
/// open after the reply is approved (the reply promises a specialist).</summary>
/// <summary>Memory: without a model, the reply our team sent to a very similar ticket, proposed when the knowledge base is unsure.</summary>
public enum DraftKind { Extractive, Model, Manual, Escalation, Memory }

/// <summary>Why an agent rejected a draft; "missing knowledge" feeds the dashboard's knowledge gaps.</summary>
public enum RejectReason { WrongFacts, MissingKnowledge, Tone, WrongLanguage, Other }

/// <summary>A proposed reply with its provenance. Nothing leaves the building until an agent approves one.</summary>
public sealed class Draft
{
    public int Id { get; set; }
    public int TicketId { get; set; }
    /// <summary>1, 2, ... per ticket; unique with TicketId so two racing generators cannot both add version 1.</summary>
    public int Version { get; set; }
    /// <summary>The customer message this draft answers (the latest when it was written): a new customer turn gets a new
    /// draft, and an approved reply to one message never blocks the answer to the next.</summary>
    public int? AnswersMessageId { get; set; }
    public DraftKind Kind { get; set; }
    public DraftStatus Status { get; set; }
    public required string Text { get; set; }
    /// <summary>Retrieval confidence in [0,1]; below the threshold the draft says it is unsure.</summary>
    public double Confidence { get; set; }
    /// <summary>The calibrated probability that the quoted passage is the right one (<see cref="DraftCalibration"/>);
    /// null where nothing was quoted (an escalation, a reused or the agent's own reply) and for drafts from before it.</summary>
    public double? Evidence { get; set; }
    public required string Model { get; set; }
    public required string PromptVersion { get; set; }
    public int LatencyMs { get; set; }
    public long? InputTokens { get; set; }
    public long? OutputTokens { get; set; }
    /// <summary>JSON array of {model, reason}: the models skipped before this draft was written.</summary>
    public string? Fallbacks { get; set; }
    /// <summary>JSON array of guard flags, e.g. "ticket: order about the reply" — text that tries to instruct the model.</summary>
    public string? Flags { get; set; }
    /// <summary>JSON array of {text, reason}: promises in the draft no passage backs (refund approved, a code, an amount…);
    /// approval needs the agent's explicit confirmation while they are still in the text.</summary>
    public string? Commitments { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ShownAt { get; set; }
    public RejectReason? RejectReason { get; set; }
    public string? RejectNote { get; set; }
    public string? RejectedByUserId { get; set; }
    public DateTime? RejectedAt { get; set; }
    /// <summary>Optimistic concurrency: approval must name the stamp it saw.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public List<DraftCitation> Citations { get; set; } = [];
    /// <summary>JSON array of {number, memoryId, ticketId, similarity}: the past replies this draft was built on ([T1] …
    /// for a model; number 0 for a reused reply). Provenance: which remembered answers shaped what the agent saw.</summary>
    public string? MemoryUsed { get; set; }

    /// <summary>The past replies used, read from <see cref="MemoryUsed"/>.</summary>
    public IReadOnlyList<MemoryUse> MemoryList() => MemoryFromJson(MemoryUsed);

    internal static IReadOnlyList<MemoryUse> MemoryFromJson(string? json) =>
        json is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<MemoryUse>>(json, Json)!;

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The skipped models, read from <see cref="Fallbacks"/>.</summary>
    public IReadOnlyList<Models.Fallback> FallbackList() =>
        Fallbacks is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<Models.Fallback>>(Fallbacks, Json)!;

    /// <summary>The prefix of a flag that is no attack: the model found a past reply contradicting the knowledge base.</summary>
    public const string ConflictFlag = "past reply disagrees with the knowledge base: ";

    /// <summary>The guard flags, read from <see cref="Flags"/>.</summary>
    public IReadOnlyList<string> FlagList() => FromJson(Flags);

    /// <summary>The unbacked commitments, read from <see cref="Commitments"/>.</summary>
    public IReadOnlyList<Guards.Commitment> CommitmentList() =>
        Commitments is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<Guards.Commitment>>(Commitments, Json)!;

    internal static IReadOnlyList<string> FromJson(string? json) => json is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(json, Json)!;

    internal static string? ToJson<T>(IReadOnlyCollection<T> items) => items.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(items, Json);
}

/// <summary>One remembered reply a draft used: [T<paramref name="Number"/>] in a model's text, 0 when the reply was reused whole.</summary>
public sealed record MemoryUse(int Number, int MemoryId, int TicketId, double Similarity);

public sealed class DraftCitation
{
    public int Id { get; set; }
    public int DraftId { get; set; }
    /// <summary>The n of [n] in the draft text.</summary>
    public int Number { get; set; }
    public int ChunkId { get; set; }
    public int DocumentId { get; set; }
    public required string FileName { get; set; }
    public required string HeadingPath { get; set; }
    public int? Page { get; set; }
    public double Score { get; set; }
}
