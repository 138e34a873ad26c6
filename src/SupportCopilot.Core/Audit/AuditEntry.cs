namespace SupportCopilot.Core.Audit;

/// <summary>
/// One line of the audit log: who did what to which thing, and when. Rows are only ever added; the UI can read them
/// and nothing in the app updates or deletes them.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>Identity user id, or "system" / "api-key:{prefix}" for work nobody signed in did.</summary>
    public required string Actor { get; set; }
    public required string ActorName { get; set; }
    /// <summary>Dotted verb, e.g. ticket.viewed, draft.approved, draft.rejected, outbox.sent, settings.changed.</summary>
    public required string Action { get; set; }
    /// <summary>What was acted on, e.g. "ticket:42", "draft:7", "routing-rule:3".</summary>
    public required string Target { get; set; }
    /// <summary>Short, human-readable detail. Never ticket or reply text: the audit log outlives retention of those.</summary>
    public string? Detail { get; set; }
}

public static class AuditActions
{
    public const string TicketViewed = "ticket.viewed";
    public const string TicketClaimed = "ticket.claimed";
    public const string TicketAssigned = "ticket.assigned";
    public const string TicketReleased = "ticket.released";
    public const string TicketResolved = "ticket.resolved";
    public const string TicketReopened = "ticket.reopened";
    public const string TicketQueueSet = "ticket.queue-set";
    public const string MacroAdded = "macro.added";
    public const string MacroChanged = "macro.changed";
    public const string MacroDeleted = "macro.deleted";
    public const string UserCreated = "user.created";
    public const string UserRoleChanged = "user.role-changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserPasswordReset = "user.password-reset";
    public const string ApiKeyCreated = "api-key.created";
    public const string ApiKeyRevoked = "api-key.revoked";
    public const string NoteAdded = "ticket.note-added";
    public const string TriageEdited = "triage.edited";
    public const string DraftEdited = "draft.edited";
    public const string DraftApproved = "draft.approved";
    public const string DraftRejected = "draft.rejected";
    public const string DraftRegenerated = "draft.regenerated";
    public const string ReplySent = "outbox.sent";
    public const string SendFailed = "outbox.failed";
    public const string SendRetried = "outbox.retried";
    public const string SettingsChanged = "settings.changed";
    public const string CustomerErased = "customer.erased";
}
