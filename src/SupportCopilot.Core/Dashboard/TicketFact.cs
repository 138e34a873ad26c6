using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Events;

namespace SupportCopilot.Core.Dashboard;

/// <summary>A draft shown, approved or rejected: what the acceptance figures and splits count.</summary>
public readonly record struct DraftEvent(TicketEventType Type, DateTime At, string? UserId, string? Model, string? PromptVersion, double? EditRatio, string? Reason);

/// <summary>
/// One ticket's events condensed to what the dashboard needs (≈ 150 bytes instead of five event rows), so a year of
/// tickets fits in memory and a range is aggregated without reading the events table (<see cref="TicketFactsCache"/>).
/// </summary>
public sealed class TicketFact
{
    public int TicketId { get; init; }
    public DateTime CreatedAt { get; init; }
    /// <summary>Category and queue as the ticket's events last recorded them (a correction counts).</summary>
    public string? Category { get; init; }
    public string? Queue { get; init; }
    /// <summary>The first approval: the first reply to the customer.</summary>
    public DraftEvent? FirstReply { get; init; }
    /// <summary>When an agent first saw a draft: the start of handling.</summary>
    public DateTime? FirstShownAt { get; init; }
    /// <summary>Reopened within 7 days after the first reply: undoes a deflection.</summary>
    public bool ReopenedInWindow { get; init; }
    public int FallbackDrafts { get; init; }
    public int EscalationDrafts { get; init; }
    public DraftEvent[] Drafts { get; init; } = [];
    /// <summary>Knowledge-gap signals: the lowest retrieval confidence of its drafts, and the first rejection for missing or wrong knowledge.</summary>
    public double? LowestConfidence { get; init; }
    public string? KnowledgeRejection { get; init; }

    /// <summary>The document of every citation in any of its drafts (a document cited twice appears twice).</summary>
    public int[] CitedDocuments { get; init; } = [];

    public bool IsKnowledgeGap => LowestConfidence < ExtractiveDrafter.UnsureBelow || KnowledgeRejection is not null;

    /// <summary>Condenses one ticket's events (ordered by time) and its drafts' cited documents; null when its Created
    /// event is missing (not in any cohort).</summary>
    public static TicketFact? Build(IReadOnlyList<EventRow> events, int[]? citedDocuments = null)
    {
        var created = events.FirstOrDefault(e => e.Type == TicketEventType.Created);
        if (created is null) return null;
        var first = events.FirstOrDefault(e => e.Type == TicketEventType.Approved);
        return new TicketFact
        {
            TicketId = created.TicketId,
            CreatedAt = created.At,
            Category = events.Select(e => e.Category).LastOrDefault(v => v is not null),
            Queue = events.Select(e => e.Queue).LastOrDefault(v => v is not null),
            FirstReply = first is null ? null : Draft(first),
            FirstShownAt = events.FirstOrDefault(e => e.Type == TicketEventType.DraftShown)?.At,
            ReopenedInWindow = first is not null && events.Any(e => e.Type == TicketEventType.Reopened && e.At > first.At && e.At <= first.At + DeflectionMetrics.ReopenWindow),
            FallbackDrafts = events.Count(e => e.Type == TicketEventType.DraftGenerated && e.Reason == "fallback"),
            EscalationDrafts = events.Count(e => e.Type == TicketEventType.DraftGenerated && e.Reason == Drafting.DraftingService.Escalation),
            Drafts = events.Where(e => e.Type is TicketEventType.DraftShown or TicketEventType.Approved or TicketEventType.Rejected).Select(Draft).ToArray(),
            LowestConfidence = events.Where(e => e.Type == TicketEventType.DraftGenerated && e.Confidence is not null).Min(e => e.Confidence),
            KnowledgeRejection = events.FirstOrDefault(e => e.Type == TicketEventType.Rejected
                && e.Reason is nameof(RejectReason.MissingKnowledge) or nameof(RejectReason.WrongFacts))?.Reason,
            CitedDocuments = citedDocuments ?? [],
        };
    }

    private static DraftEvent Draft(EventRow e) => new(e.Type, e.At, e.UserId, e.Model, e.PromptVersion, e.EditRatio, e.Reason);
}
