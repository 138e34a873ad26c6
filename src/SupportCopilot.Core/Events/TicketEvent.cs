namespace SupportCopilot.Core.Events;

public enum TicketEventType { Created, Triaged, DraftGenerated, DraftShown, Approved, Rejected, Sent, Resolved, Reopened }

/// <summary>
/// The append-only history the dashboard counts from (DESIGN.md, "Metric definitions"). Each row is written in the
/// same transaction as the change it records, so the numbers never disagree with the tickets.
/// </summary>
public sealed class TicketEvent
{
    public long Id { get; set; }
    public int TicketId { get; set; }
    public Tickets.Ticket? Ticket { get; set; }
    public TicketEventType Type { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public int? DraftId { get; set; }
    /// <summary>Model that wrote the draft ("extractive", "human" for an agent's own reply).</summary>
    public string? Model { get; set; }
    public string? PromptVersion { get; set; }
    /// <summary>Approved: token edit distance ratio between draft and sent text.</summary>
    public double? EditRatio { get; set; }
    /// <summary>Rejected: the reason code; DraftGenerated: retrieval confidence is in <see cref="Confidence"/>.</summary>
    public string? Reason { get; set; }
    public double? Confidence { get; set; }
    /// <summary>Category and queue at the time of the event, so filters need no join to a ticket that has since changed.</summary>
    public string? Category { get; set; }
    public string? Queue { get; set; }
}
