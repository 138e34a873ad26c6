using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Events;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Approval;

public enum ApprovalOutcome { Approved, AlreadyApproved, Conflict, NotAllowed, NotFound, Invalid, Rejected, NeedsConfirmation }

public sealed record ApprovalResult(ApprovalOutcome Outcome, string Message, int? ApprovalId = null);

/// <summary>
/// The only way a reply is queued for a customer: a named agent approves a draft's final text. Approval, the thread
/// message, the outbox message, the event and the audit entry are written in one SaveChanges (one transaction).
/// </summary>
public sealed class ApprovalService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TicketChanges changes,
    IOptions<OutboxOptions> outbox, IOptions<PublicKnowledgeOptions> publicKnowledge, Memory.ReplyMemories memory, CopyStyles styles, TimeProvider clock)
{
    public const int MaxReplyLength = 20_000;
    public const int MaxRejectNote = 1000;
    public const string HumanModel = "human";

    /// <param name="commitmentsConfirmed">The agent confirmed, with a deliberate second action, the promises no passage backs
    /// (refund approved, codes, amounts…) that are still in the text; without it such a draft is not approved.</param>
    public async Task<ApprovalResult> ApproveAsync(int draftId, Guid seenStamp, string finalText, string userId, CancellationToken ct = default,
        bool commitmentsConfirmed = false)
    {
        if (Invalid(finalText) is { } invalid) return invalid;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || !await IsAgentAsync(db, userId, ct))
            return new(ApprovalOutcome.NotAllowed, "Only a user in the Agent role can approve a reply.");

        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.Id == draftId, ct);
        if (draft is null) return new(ApprovalOutcome.NotFound, "The draft does not exist.");
        var existing = await db.Approvals.AsNoTracking().FirstOrDefaultAsync(a => a.DraftId == draftId, ct);
        if (existing is not null) return new(ApprovalOutcome.AlreadyApproved, "This draft was already approved and queued.", existing.Id);
        if (draft.Status != DraftStatus.Proposed || draft.ConcurrencyStamp != seenStamp)
            return new(ApprovalOutcome.Conflict, "The draft changed since you opened it; reload to see the current one.");
        var unbacked = Drafting.Guards.CommitmentGuard.StillIn(draft.CommitmentList(), finalText);
        if (unbacked.Count > 0 && !commitmentsConfirmed)
            return new(ApprovalOutcome.NeedsConfirmation, "Confirm the highlighted commitments first: " + string.Join("; ", unbacked.Select(c => $"\"{c.Text}\" ({c.Reason})")));
        return await QueueAsync(db, draft, finalText, user, ct, unbacked);
    }

    /// <summary>
    /// The agent writes the reply themselves — at any time: instead of a proposed draft (which is superseded), after a
    /// rejection, or as a further reply after an approval. Stored as a Manual draft answering the latest customer message
    /// and approved in the same transaction, so the approval record, outbox and metrics treat it like any other reply.
    /// </summary>
    public async Task<ApprovalResult> SendOwnReplyAsync(int ticketId, string text, string userId, CancellationToken ct = default)
    {
        if (Invalid(text) is { } invalid) return invalid;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || !await IsAgentAsync(db, userId, ct))
            return new(ApprovalOutcome.NotAllowed, "Only a user in the Agent role can send a reply.");
        if (!await db.Tickets.AnyAsync(t => t.Id == ticketId, ct)) return new(ApprovalOutcome.NotFound, "The ticket does not exist.");
        var previous = await db.Drafts.Where(d => d.TicketId == ticketId).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        if (previous is { Status: DraftStatus.Proposed })
        {
            previous.Status = DraftStatus.Superseded;
            previous.ConcurrencyStamp = Guid.NewGuid();
        }
        var draft = new Draft
        {
            TicketId = ticketId, Version = (previous?.Version ?? 0) + 1, Kind = DraftKind.Manual, Status = DraftStatus.Proposed,
            AnswersMessageId = await Conversation.LatestCustomerMessageIdAsync(db, ticketId, ct),
            Text = text, Model = HumanModel, PromptVersion = "none", CreatedAt = Now, ShownAt = Now,
        };
        db.Drafts.Add(draft);
        return await QueueAsync(db, draft, text, user, ct);
    }

    /// <summary>Rejects a proposed draft with a reason (and free text, required for "other"). The ticket stays open.</summary>
    public async Task<ApprovalResult> RejectAsync(int draftId, Guid seenStamp, RejectReason reason, string? note, string userId, CancellationToken ct = default)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (reason == RejectReason.Other && note is null) return new(ApprovalOutcome.Invalid, "Say why the draft is wrong when the reason is \"other\".");
        if (note is { Length: > MaxRejectNote }) return new(ApprovalOutcome.Invalid, $"The reason must be at most {MaxRejectNote} characters.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || !await IsAgentAsync(db, userId, ct)) return new(ApprovalOutcome.NotAllowed, "Only a user in the Agent role can reject a draft.");
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.Id == draftId, ct);
        if (draft is null) return new(ApprovalOutcome.NotFound, "The draft does not exist.");
        if (draft.Status != DraftStatus.Proposed || draft.ConcurrencyStamp != seenStamp)
            return new(ApprovalOutcome.Conflict, "The draft changed since you opened it; reload to see the current one.");
        var ticket = await db.Tickets.Include(t => t.Triage).FirstAsync(t => t.Id == draft.TicketId, ct);
        (draft.Status, draft.RejectReason, draft.RejectNote, draft.RejectedByUserId, draft.RejectedAt) = (DraftStatus.Rejected, reason, note, userId, Now);
        draft.ConcurrencyStamp = Guid.NewGuid();
        ticket.UpdatedAt = Now;
        var e = TicketEvents.Add(db, ticket, TicketEventType.Rejected, Now, userId);
        (e.DraftId, e.Reason, e.Model, e.PromptVersion, e.Confidence) = (draft.Id, reason.ToString(), draft.Model, draft.PromptVersion, draft.Confidence);
        audit.Add(db, ActorOf(user), AuditActions.DraftRejected, $"draft:{draft.Id}", $"ticket {ticket.Id}: {reason}" + (note is null ? "" : $" — {note}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(ApprovalOutcome.Conflict, "The draft changed since you opened it; reload to see the current one.");
        }
        changes.Raise(ticket.Id);
        return new(ApprovalOutcome.Rejected, "Draft rejected. Regenerate it or write the reply yourself.");
    }

    private async Task<ApprovalResult> QueueAsync(AppDbContext db, Draft draft, string finalText, AppUser user, CancellationToken ct,
        IReadOnlyList<Drafting.Guards.Commitment>? confirmed = null)
    {
        using var span = Platform.Telemetry.Source.StartActivity("approval.queue");
        span?.SetTag("ticket.id", draft.TicketId).SetTag("draft.kind", draft.Kind.ToString());
        Platform.Telemetry.Approvals.Add(1, new KeyValuePair<string, object?>("kind", draft.Kind.ToString()));
        var ticket = await db.Tickets.Include(t => t.Triage).FirstAsync(t => t.Id == draft.TicketId, ct);
        var now = Now;
        draft.Status = DraftStatus.Approved;
        draft.ConcurrencyStamp = Guid.NewGuid();
        var subject = ticket.Subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? ticket.Subject : "Re: " + ticket.Subject;
        // What the customer receives: the approved text without citation markers (the agent's preview showed
        // this). The approval covers exactly that text, so the sender's check holds it to what goes out.
        var citations = draft.Id == 0 ? [] : await db.DraftCitations.AsNoTracking().Where(c => c.DraftId == draft.Id).ToListAsync(ct);
        var style = await styles.ForAsync(db, ticket, user, ct);
        var unsigned = CustomerCopy.Of(finalText, citations, draft.MemoryList(), publicKnowledge.Value.PublicBaseUrl, style with { Signature = null });
        var customerText = CustomerCopy.Signed(unsigned, style.Signature);
        var approval = new ApprovalRecord
        {
            TicketId = ticket.Id, Draft = draft, ApprovedByUserId = user.Id, ApprovedAt = now,
            FinalText = customerText, EditRatio = EditDistance.Ratio(draft.Text, finalText), To = ticket.CustomerEmail, Subject = subject,
        };
        db.Approvals.Add(approval);
        var inReplyTo = await db.TicketMessages.Where(m => m.TicketId == ticket.Id && m.Author == MessageAuthor.Customer && m.MessageId != null)
            .OrderByDescending(m => m.Id).Select(m => m.MessageId).FirstOrDefaultAsync(ct);
        var messageId = $"sc-{Guid.NewGuid():N}@{outbox.Value.MessageIdDomain}";
        db.TicketMessages.Add(new TicketMessage
        {
            TicketId = ticket.Id, Author = MessageAuthor.Agent, AuthorName = NameOf(user), Body = customerText, CreatedAt = now, MessageId = messageId,
        });
        db.Outbox.Add(new OutboxMessage
        {
            TicketId = ticket.Id, To = ticket.CustomerEmail, Subject = subject,
            Body = customerText, Approval = approval, Status = OutboxStatus.Pending, CreatedAt = now, NextAttemptAt = now,
            MessageId = messageId, InReplyTo = inReplyTo,
        });
        // Memory keeps the reply without the signature: a reused reply gets the next agent's own.
        var remembered = await RememberAsync(db, ticket, draft, unsigned, user, approval.EditRatio, now, ct);
        // An escalation reply promises a specialist: the ticket stays open in the escalation queue until one answers.
        ticket.Status = draft.Kind == DraftKind.Escalation ? TicketStatus.Open : TicketStatus.Replied;
        ticket.FirstResponseAt ??= now;
        ticket.UpdatedAt = now;
        var e = TicketEvents.Add(db, ticket, TicketEventType.Approved, now, user.Id);
        (e.DraftId, e.Model, e.PromptVersion, e.EditRatio, e.Confidence) = (draft.Id == 0 ? null : draft.Id, draft.Model, draft.PromptVersion, approval.EditRatio, draft.Confidence);
        audit.Add(db, ActorOf(user), AuditActions.DraftApproved, $"ticket:{ticket.Id}",
            $"{(draft.Kind == DraftKind.Manual ? "own reply" : $"draft v{draft.Version} by {draft.Model}")}, edit ratio {approval.EditRatio:0.00}"
            + (confirmed is { Count: > 0 } ? $"; confirmed commitments: {string.Join("; ", confirmed.Select(c => $"\"{c.Text}\" ({c.Reason})"))}" : ""));
        try
        {
            await using (var tx = await db.BeginWriteAsync(ct))
            {
                await db.SaveChangesAsync(ct);
                // A manual draft got its id only now; the event names it in the same transaction.
                if (e.DraftId is null) await db.TicketEvents.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DraftId, draft.Id), ct);
                if (remembered is not null) await db.ReplyMemories.Where(m => m.Id == remembered.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ApprovalId, approval.Id), ct);
                await tx.CommitAsync(ct);
            }
            changes.Raise(ticket.Id);
            return new(ApprovalOutcome.Approved, "Approved and queued for sending.", approval.Id);
        }
        catch (DbUpdateException)
        {
            // A concurrent approval of the same draft won (unique DraftId or the concurrency stamp).
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            var winner = await fresh.Approvals.AsNoTracking().FirstOrDefaultAsync(a => a.DraftId == draft.Id, ct);
            return winner is not null
                ? new(ApprovalOutcome.AlreadyApproved, "This draft was already approved and queued.", winner.Id)
                : new(ApprovalOutcome.Conflict, "The draft changed since you opened it; reload to see the current one.");
        }
    }

    /// <summary>The approved reply becomes reply memory in the same transaction, redacted (names, addresses, numbers), with
    /// the customer turn it answered. An escalation sent much as drafted ("a specialist will follow up") answers nothing
    /// worth remembering; one the agent rewrote into an answer is.</summary>
    private async Task<Memory.ReplyMemory?> RememberAsync(AppDbContext db, Ticket ticket, Draft draft, string finalText, AppUser user, double editRatio,
        DateTime now, CancellationToken ct)
    {
        if (draft.Kind == DraftKind.Escalation && editRatio < 0.5) return null;
        var answered = await db.TicketMessages.Where(m => m.TicketId == ticket.Id && m.Author == MessageAuthor.Customer && (draft.AnswersMessageId == null || m.Id == draft.AnswersMessageId))
            .OrderByDescending(m => m.Id).Select(m => m.Body).FirstOrDefaultAsync(ct);
        if (string.IsNullOrWhiteSpace(answered)) return null;
        var entry = memory.Create(ticket, answered, finalText, Memory.MemorySource.Approved, now, user.Id, NameOf(user),
            draft.Kind == DraftKind.Manual ? null : editRatio);
        db.ReplyMemories.Add(entry);
        return entry;
    }

    private static ApprovalResult? Invalid(string text) =>
        string.IsNullOrWhiteSpace(text) ? new(ApprovalOutcome.Invalid, "The reply is empty.")
        : text.Length > MaxReplyLength ? new(ApprovalOutcome.Invalid, $"The reply is longer than {MaxReplyLength} characters.")
        // A past reply's placeholder stood for another customer's data: it must never reach this customer as it is.
        : Memory.MemoryRedactor.Placeholders.FirstOrDefault(p => text.Contains(p, StringComparison.Ordinal)) is { } left
            ? new(ApprovalOutcome.Invalid, $"The reply still contains the placeholder {left} from a past reply: replace it with this customer's details or remove it.")
        : null;

    private static string NameOf(AppUser user) => string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? "Agent" : user.DisplayName;

    private static Actor ActorOf(AppUser user) => new(user.Id, user.Email ?? user.Id);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    internal static Task<bool> IsAgentAsync(AppDbContext db, string userId, CancellationToken ct) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Agent), ct);
}
