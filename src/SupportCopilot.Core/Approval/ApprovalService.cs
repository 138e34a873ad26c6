using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Approval;

public enum ApprovalOutcome { Approved, AlreadyApproved, Conflict, NotAllowed, NotFound, Invalid }

public sealed record ApprovalResult(ApprovalOutcome Outcome, string Message, int? ApprovalId = null);

/// <summary>
/// The only way a reply is queued for a customer: a named agent approves a draft's final text. Approval,
/// the thread message and the outbox message are written in one SaveChanges (one transaction).
/// </summary>
public sealed class ApprovalService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxReplyLength = 20_000;

    public async Task<ApprovalResult> ApproveAsync(int draftId, Guid seenStamp, string finalText, string userId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(finalText)) return new(ApprovalOutcome.Invalid, "The reply is empty.");
        if (finalText.Length > MaxReplyLength) return new(ApprovalOutcome.Invalid, $"The reply is longer than {MaxReplyLength} characters.");

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
        var ticket = await db.Tickets.FirstAsync(t => t.Id == draft.TicketId, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        draft.Status = DraftStatus.Approved;
        draft.ConcurrencyStamp = Guid.NewGuid();
        var approval = new ApprovalRecord
        {
            TicketId = ticket.Id, DraftId = draft.Id, ApprovedByUserId = userId, ApprovedAt = now,
            FinalText = finalText, EditRatio = EditDistance.Ratio(draft.Text, finalText),
        };
        db.Approvals.Add(approval);
        db.TicketMessages.Add(new TicketMessage
        {
            TicketId = ticket.Id, Author = MessageAuthor.Agent, AuthorName = string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? "Agent" : user.DisplayName,
            Body = finalText, CreatedAt = now,
        });
        db.Outbox.Add(new OutboxMessage
        {
            TicketId = ticket.Id, To = ticket.CustomerEmail, Subject = "Re: " + ticket.Subject, Body = finalText,
            Approval = approval, Status = OutboxStatus.Pending, CreatedAt = now, NextAttemptAt = now,
        });
        ticket.Status = TicketStatus.Replied;
        ticket.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
            return new(ApprovalOutcome.Approved, "Approved and queued for sending.", approval.Id);
        }
        catch (DbUpdateException)
        {
            // A concurrent approval of the same draft won (unique DraftId or the concurrency stamp).
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            var winner = await fresh.Approvals.AsNoTracking().FirstOrDefaultAsync(a => a.DraftId == draftId, ct);
            return winner is not null
                ? new(ApprovalOutcome.AlreadyApproved, "This draft was already approved and queued.", winner.Id)
                : new(ApprovalOutcome.Conflict, "The draft changed since you opened it; reload to see the current one.");
        }
    }

    internal static Task<bool> IsAgentAsync(AppDbContext db, string userId, CancellationToken ct) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Agent), ct);
}
