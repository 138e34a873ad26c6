namespace SupportCopilot.Core.Approval;

/// <summary>The record that a named agent approved a draft's final text. The sender refuses anything without one.</summary>
public sealed class ApprovalRecord
{
    public int Id { get; set; }
    public int TicketId { get; set; }
    public int DraftId { get; set; }
    public Drafting.Draft? Draft { get; set; }
    public required string ApprovedByUserId { get; set; }
    public DateTime ApprovedAt { get; set; }
    public required string FinalText { get; set; }
    /// <summary>Token edit distance between draft and final text, divided by the longer length: 0 = unchanged.</summary>
    public double EditRatio { get; set; }
    /// <summary>Recipient and subject as approved: the sender refuses a message whose address or subject changed since
    /// (null only on approvals from before they were recorded).</summary>
    public string? To { get; set; }
    public string? Subject { get; set; }
}

public enum OutboxStatus { Pending, Sending, Sent, Failed }

public sealed class OutboxMessage
{
    public int Id { get; set; }
    public int TicketId { get; set; }
    public int? ApprovalId { get; set; }
    public ApprovalRecord? Approval { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>While Sending, no other sender touches the message until this passes.</summary>
    public DateTime? LeaseUntil { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>
    /// Committed right before the channel is called: a message reclaimed after a crash with this set may already have
    /// reached the customer, so it is checked with the channel before anything is sent again (issue 21.3).
    /// </summary>
    public DateTime? HandedOffAt { get; set; }
    /// <summary>Message-Id the reply goes out with (also on the agent's thread message), so the customer's answer threads back.</summary>
    public string? MessageId { get; set; }
    /// <summary>Message-Id of the customer mail this answers, when the ticket came in by e-mail.</summary>
    public string? InReplyTo { get; set; }
}
