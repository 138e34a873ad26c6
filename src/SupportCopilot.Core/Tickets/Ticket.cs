using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Tickets;

public enum TicketStatus { Open, Replied, Resolved }

public enum TicketChannel { Api, Email, Web, Import }

public sealed class Ticket
{
    public int Id { get; set; }
    public required string Subject { get; set; }
    public required string CustomerEmail { get; set; }
    public string? CustomerName { get; set; }
    public string? ExternalId { get; set; }
    public TicketChannel Channel { get; set; }
    public TicketStatus Status { get; set; }
    /// <summary>Set by routing after triage; null until then.</summary>
    public string? Queue { get; set; }
    /// <summary>When the first response is due, from the SLA of the ticket's priority.</summary>
    public DateTime? SlaDueAt { get; set; }
    /// <summary>The triage's priority as a severity (urgent 4, high 3, medium 2, low 1, none 0), kept by the database (a
    /// trigger on Triages) so the queue sorts by severity through an index: 352 ms → a few ms at 1M tickets (issue 20).
    /// Never written by the application.</summary>
    public int PriorityRank { get; private set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The agent holding the ticket (claimed or assigned); others see who and may take it over.</summary>
    public string? AssignedToUserId { get; set; }
    public string? AssignedToName { get; set; }
    public DateTime? AssignedAt { get; set; }
    public DateTime? FirstResponseAt { get; set; }
    public DateTime? ResolvedAt { get; set; }

    public List<TicketMessage> Messages { get; set; } = [];
    public TicketTriage? Triage { get; set; }
}

/// <summary>Note: an internal note between agents, never sent to the customer.</summary>
public enum MessageAuthor { Customer, Agent, Note }

public sealed class TicketMessage
{
    public int Id { get; set; }
    public int TicketId { get; set; }
    public MessageAuthor Author { get; set; }
    public required string AuthorName { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>RFC 5322 Message-Id of the mail this message came in as or went out as; threads e-mail replies.</summary>
    public string? MessageId { get; set; }
}
