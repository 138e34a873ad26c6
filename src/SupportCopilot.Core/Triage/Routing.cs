using System.ComponentModel.DataAnnotations;

namespace SupportCopilot.Core.Triage;

/// <summary>A category of the taxonomy admins edit; triage labels and corrections must use one of these.</summary>
public sealed class TriageCategory
{
    public int Id { get; set; }
    public required string Name { get; set; }
}

/// <summary>
/// A routing rule: the first rule (by Order) whose every given condition holds sends the ticket to its queue.
/// Conditions: a keyword in subject or body, the customer's e-mail domain, the triaged priority.
/// </summary>
public sealed class RoutingRule
{
    public int Id { get; set; }
    public int Order { get; set; }
    public string? Keyword { get; set; }
    public string? EmailDomain { get; set; }
    public string? Priority { get; set; }
    public required string Queue { get; set; }
}

/// <summary>`Triage:Routing:*`: the queue when no rule matches, and the first-response SLA per priority in hours.</summary>
public sealed class RoutingOptions
{
    public const string Section = "Triage:Routing";
    [Required] public string DefaultQueue { get; set; } = "General";
    /// <summary>Where a ticket goes when the knowledge base has no answer to it (its draft is an escalation).</summary>
    [Required] public string EscalationQueue { get; set; } = "Escalations";
    public Dictionary<string, double> SlaHours { get; set; } = new() { ["low"] = 72, ["medium"] = 24, ["high"] = 8, ["urgent"] = 2 };
}
