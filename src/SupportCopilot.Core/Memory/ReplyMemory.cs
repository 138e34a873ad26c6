namespace SupportCopilot.Core.Memory;

/// <summary>Approved: written when an agent approved a reply. Imported: a past ticket imported with the answer it got.</summary>
public enum MemorySource { Approved, Imported }

/// <summary>
/// One reply the team has sent, with the customer turn it answered — redacted before it is stored, so nothing of one
/// customer (name, address, phone, order number) can surface in another customer's draft. Goes with its ticket:
/// deleting or erasing the ticket deletes the entry (and its full-text row, by trigger; its vector, by the index sync).
/// </summary>
public sealed class ReplyMemory
{
    public int Id { get; set; }
    public int TicketId { get; set; }
    public Tickets.Ticket? Ticket { get; set; }
    public int? ApprovalId { get; set; }
    public MemorySource Source { get; set; }
    /// <summary>Redacted subject of the ticket.</summary>
    public required string Subject { get; set; }
    /// <summary>Redacted customer turn the reply answered.</summary>
    public required string CustomerText { get; set; }
    /// <summary>Redacted reply as sent, with placeholders such as [customer name] where personal data stood.</summary>
    public required string ReplyText { get; set; }
    public string? Category { get; set; }
    public string? Queue { get; set; }
    public string? Language { get; set; }
    public string? AgentUserId { get; set; }
    /// <summary>How much the agent changed the draft (0 = sent as drafted); null for imported and own replies.</summary>
    public double? EditRatio { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>float32 embedding of subject + customer text (null until the memory indexer has embedded it).</summary>
    public byte[]? Vector { get; set; }
    /// <summary>The model of <see cref="Vector"/>, set with it and only with it (the indexer's queries rely on that).</summary>
    public string? VectorModel { get; set; }
}
