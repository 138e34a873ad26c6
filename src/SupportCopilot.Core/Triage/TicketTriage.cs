namespace SupportCopilot.Core.Triage;

/// <summary>
/// The triage of one ticket. The classifier arrives with the triage issue; until then only
/// imported tickets that carry labels have one (Engine = "label").
/// </summary>
public sealed class TicketTriage
{
    public int Id { get; set; }
    public int TicketId { get; set; }
    public string? Category { get; set; }
    public string? Type { get; set; }
    public string? Priority { get; set; }
    public string? Language { get; set; }
    public double Confidence { get; set; }
    public required string Engine { get; set; }
    public DateTime UpdatedAt { get; set; }
}
