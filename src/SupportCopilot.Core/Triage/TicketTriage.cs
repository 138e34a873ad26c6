namespace SupportCopilot.Core.Triage;

/// <summary>
/// The triage of one ticket: each field with its confidence. Engine says where it came from: "label" (imported
/// with the ticket), "ml.net vN" (classifier version N, language by detector, sentiment by lexicon) or "rules"
/// (no trained model yet). Confidence is the lowest field confidence; below the threshold the ticket needs a human.
/// </summary>
public sealed class TicketTriage
{
    public int Id { get; set; }
    public int TicketId { get; set; }
    public string? Category { get; set; }
    public double CategoryConfidence { get; set; }
    public string? Type { get; set; }
    public double TypeConfidence { get; set; }
    public string? Priority { get; set; }
    public double PriorityConfidence { get; set; }
    /// <summary>Why the priority is what it is, when a rule raised it ("outage mentioned"): shown on the chip.</summary>
    public string? PriorityReason { get; set; }
    public string? Sentiment { get; set; }
    public double SentimentConfidence { get; set; }
    public string? Language { get; set; }
    public double LanguageConfidence { get; set; }
    public double Confidence { get; set; }
    public bool NeedsHuman { get; set; }
    public required string Engine { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A trained classifier for one field, versioned: the newest version of each field is the one in use.</summary>
public sealed class TriageModel
{
    public int Id { get; set; }
    public required string Field { get; set; }
    public int Version { get; set; }
    /// <summary>The classes it can predict, one per line, each with its count of training examples after a tab.</summary>
    public required string Classes { get; set; }
    public int Examples { get; set; }
    public DateTime TrainedAt { get; set; }
    public required byte[] Bytes { get; set; }
    /// <summary>The labelled tickets' embeddings for the neighbour vote (<see cref="NeighbourVote"/>); null when no
    /// embedding model was configured at training.</summary>
    public byte[]? Neighbours { get; set; }
    /// <summary>The <see cref="Triage.FitCheck"/> as JSON: the needs-human threshold and what it covers.</summary>
    public string? FitCheck { get; set; }
}

/// <summary>An agent's change of one triage field: a training label with who and when.</summary>
public sealed class TriageCorrection
{
    public int Id { get; set; }
    public int TicketId { get; set; }
    public required string Field { get; set; }
    public string? OldValue { get; set; }
    public required string NewValue { get; set; }
    public required string UserId { get; set; }
    public DateTime CreatedAt { get; set; }
}
