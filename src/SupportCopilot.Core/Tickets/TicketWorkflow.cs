using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Events;

namespace SupportCopilot.Core.Tickets;

public enum WorkflowOutcome { Done, NotFound, HeldByOther, Invalid }

public sealed record WorkflowResult(WorkflowOutcome Outcome, string Message)
{
    public bool Ok => Outcome == WorkflowOutcome.Done;
}

/// <summary>What agents do to a ticket besides replying: claim, assign, release, internal notes, resolve, reopen. Each audited.</summary>
public sealed class TicketWorkflow(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TicketChanges changes, TimeProvider clock)
{
    public const int MaxNote = 10_000;

    /// <summary>Takes the ticket if nobody holds it. A conditional update, so of two agents clicking at once exactly one wins.</summary>
    public async Task<WorkflowResult> ClaimAsync(int ticketId, Actor agent, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var won = await db.Tickets.Where(t => t.Id == ticketId && (t.AssignedToUserId == null || t.AssignedToUserId == agent.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.AssignedToUserId, agent.Id).SetProperty(t => t.AssignedToName, agent.Name)
                .SetProperty(t => t.AssignedAt, now).SetProperty(t => t.UpdatedAt, now), ct);
        if (won == 0)
        {
            var holder = await db.Tickets.Where(t => t.Id == ticketId).Select(t => t.AssignedToName).FirstOrDefaultAsync(ct);
            return holder is null ? new(WorkflowOutcome.NotFound, "The ticket does not exist.")
                : new(WorkflowOutcome.HeldByOther, $"{holder} is already working on this ticket.");
        }
        return await FinishAsync(db, ticketId, agent, AuditActions.TicketClaimed, null, "You are working on this ticket.", ct);
    }

    /// <summary>Assigns to a named agent (or takes over from one); the previous holder is recorded in the audit log.</summary>
    public async Task<WorkflowResult> AssignAsync(int ticketId, string assigneeUserId, Actor by, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return new(WorkflowOutcome.NotFound, "The ticket does not exist.");
        var assignee = await db.Users.Where(u => u.Id == assigneeUserId).Select(u => new { u.Id, u.Email, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (assignee is null || !await Approval.ApprovalService.IsAgentAsync(db, assignee.Id, ct))
            return new(WorkflowOutcome.Invalid, "Tickets can only be assigned to users in the Agent role.");
        var previous = ticket.AssignedToName;
        (ticket.AssignedToUserId, ticket.AssignedToName, ticket.AssignedAt, ticket.UpdatedAt) =
            (assignee.Id, string.IsNullOrEmpty(assignee.DisplayName) ? assignee.Email : assignee.DisplayName, Now, Now);
        audit.Add(db, by, AuditActions.TicketAssigned, Target(ticketId), $"to {ticket.AssignedToName}" + (previous is null ? "" : $" (was {previous})"));
        await db.SaveChangesAsync(ct);
        changes.Raise(ticketId);
        return new(WorkflowOutcome.Done, $"Assigned to {ticket.AssignedToName}.");
    }

    public async Task<WorkflowResult> ReleaseAsync(int ticketId, Actor by, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var n = await db.Tickets.Where(t => t.Id == ticketId).ExecuteUpdateAsync(s => s.SetProperty(t => t.AssignedToUserId, (string?)null)
            .SetProperty(t => t.AssignedToName, (string?)null).SetProperty(t => t.AssignedAt, (DateTime?)null).SetProperty(t => t.UpdatedAt, now), ct);
        return n == 0 ? new(WorkflowOutcome.NotFound, "The ticket does not exist.")
            : await FinishAsync(db, ticketId, by, AuditActions.TicketReleased, null, "Released; anyone can pick it up.", ct);
    }

    /// <summary>An internal note: shown to agents in the thread, never sent, never given to a model.</summary>
    public async Task<WorkflowResult> AddNoteAsync(int ticketId, string text, Actor by, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text)) return new(WorkflowOutcome.Invalid, "The note is empty.");
        if (text.Length > MaxNote) return new(WorkflowOutcome.Invalid, $"The note must be at most {MaxNote} characters.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return new(WorkflowOutcome.NotFound, "The ticket does not exist.");
        // The agent's display name, as on their replies ("Alex Agent", not "agent@demo.local" on notes and the name on replies).
        var name = await db.Users.Where(u => u.Id == by.Id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        db.TicketMessages.Add(new TicketMessage { TicketId = ticketId, Author = MessageAuthor.Note, AuthorName = string.IsNullOrEmpty(name) ? by.Name : name, Body = text.Trim(), CreatedAt = Now });
        ticket.UpdatedAt = Now;
        return await FinishAsync(db, ticketId, by, AuditActions.NoteAdded, null, "Note added.", ct);
    }

    public async Task<WorkflowResult> ResolveAsync(int ticketId, Actor by, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.Include(t => t.Triage).FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return new(WorkflowOutcome.NotFound, "The ticket does not exist.");
        if (ticket.Status == TicketStatus.Resolved) return new(WorkflowOutcome.Done, "The ticket is already resolved.");
        (ticket.Status, ticket.ResolvedAt, ticket.UpdatedAt) = (TicketStatus.Resolved, Now, Now);
        TicketEvents.Add(db, ticket, TicketEventType.Resolved, Now, by.Id);
        return await FinishAsync(db, ticketId, by, AuditActions.TicketResolved, null, "Resolved.", ct);
    }

    public async Task<WorkflowResult> ReopenAsync(int ticketId, Actor by, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.Include(t => t.Triage).FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return new(WorkflowOutcome.NotFound, "The ticket does not exist.");
        if (ticket.Status == TicketStatus.Open) return new(WorkflowOutcome.Done, "The ticket is already open.");
        (ticket.Status, ticket.ResolvedAt, ticket.UpdatedAt) = (TicketStatus.Open, null, Now);
        TicketEvents.Add(db, ticket, TicketEventType.Reopened, Now, by.Id);
        return await FinishAsync(db, ticketId, by, AuditActions.TicketReopened, null, "Reopened.", ct);
    }

    /// <summary>Agents who can hold tickets, for the assign menu.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> AgentsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agentRole = await db.Roles.Where(r => r.Name == Security.Roles.Agent).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var rows = await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == agentRole))
            .OrderBy(u => u.Email).Select(u => new { u.Id, u.Email, u.DisplayName }).ToListAsync(ct);
        return rows.Select(u => (u.Id, string.IsNullOrEmpty(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName)).ToList();
    }

    private async Task<WorkflowResult> FinishAsync(AppDbContext db, int ticketId, Actor by, string action, string? detail, string message, CancellationToken ct)
    {
        audit.Add(db, by, action, Target(ticketId), detail);
        await db.SaveChangesAsync(ct);
        changes.Raise(ticketId);
        return new(WorkflowOutcome.Done, message);
    }

    internal static string Target(int ticketId) => $"ticket:{ticketId}";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
