using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Tickets;

public enum BulkAction { Assign, SetQueue, SetPriority, Resolve }

/// <param name="Done">Tickets changed.</param>
/// <param name="Problems">One sentence per ticket that was not changed ("#12: …").</param>
public sealed record BulkResult(int Done, IReadOnlyList<string> Problems)
{
    public string Summary(BulkAction action) => $"{Verb(action)} {Done} ticket{(Done == 1 ? "" : "s")}" +
        (Problems.Count == 0 ? "." : $"; {Problems.Count} not changed: {string.Join(" ", Problems.Take(3))}{(Problems.Count > 3 ? " …" : "")}");

    private static string Verb(BulkAction action) => action switch
    {
        BulkAction.Assign => "Assigned", BulkAction.SetQueue => "Moved", BulkAction.SetPriority => "Re-prioritised", _ => "Resolved",
    };
}

/// <summary>
/// One action on many selected tickets (issue 20.2): assign, set queue, set priority, resolve. Each ticket goes through
/// the same path as the single action, so each is validated and audited on its own; one failing does not stop the rest.
/// </summary>
public sealed class BulkActions(IDbContextFactory<AppDbContext> dbFactory, TicketWorkflow workflow, TriageCorrections corrections, AuditLog audit,
    TicketChanges changes, TimeProvider clock)
{
    /// <summary>More than a page or two at once is more likely a slip than a plan.</summary>
    public const int MaxTickets = 100;

    /// <param name="value">The agent's user id (assign), queue name, or priority; unused for resolve.</param>
    public async Task<BulkResult> RunAsync(BulkAction action, IReadOnlyCollection<int> ticketIds, string? value, Actor by, CancellationToken ct = default)
    {
        if (ticketIds.Count == 0) return new(0, ["Select at least one ticket."]);
        if (ticketIds.Count > MaxTickets) return new(0, [$"Select at most {MaxTickets} tickets at once."]);
        value = value?.Trim();
        var invalid = action switch
        {
            BulkAction.Assign when string.IsNullOrEmpty(value) => "Choose an agent.",
            BulkAction.SetQueue when string.IsNullOrEmpty(value) || value.Length > 100 => "Choose a queue (at most 100 characters).",
            BulkAction.SetPriority when !TriageOptions.Priorities.Contains(value ?? "") => $"Priority must be one of: {string.Join(", ", TriageOptions.Priorities)}.",
            _ => null,
        };
        if (invalid is not null) return new(0, [invalid]);

        var (done, problems) = (0, new List<string>());
        foreach (var id in ticketIds.Distinct().Order())
        {
            var problem = action switch
            {
                BulkAction.Assign => Problem(await workflow.AssignAsync(id, value!, by, ct)),
                BulkAction.Resolve => Problem(await workflow.ResolveAsync(id, by, ct)),
                BulkAction.SetQueue => await SetQueueAsync(id, value!, by, ct),
                _ => await SetPriorityAsync(id, value!, by, ct),
            };
            if (problem is null) done++;
            else problems.Add($"#{id}: {problem}");
        }
        return new(done, problems);
    }

    private static string? Problem(WorkflowResult r) => r.Ok ? null : r.Message;

    private async Task<string?> SetQueueAsync(int id, string queue, Actor by, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null) return "The ticket does not exist.";
        if (ticket.Queue == queue) return null;
        audit.Add(db, by, AuditActions.TicketQueueSet, TicketWorkflow.Target(id), $"to {queue}" + (ticket.Queue is null ? "" : $" (was {ticket.Queue})") + " (bulk)");
        (ticket.Queue, ticket.UpdatedAt) = (queue, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        changes.Raise(id);
        return null;
    }

    // A priority set by hand is a triage correction like one on the ticket page: a label training learns from, and the
    // routing rules and SLA follow it.
    private async Task<string?> SetPriorityAsync(int id, string priority, Actor by, CancellationToken ct)
    {
        var error = await corrections.CorrectAsync(id, "priority", priority, by.Id, ct);
        if (error is not null) return error;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        audit.Add(db, by, AuditActions.TriageEdited, TicketWorkflow.Target(id), $"priority: {priority} (bulk)");
        await db.SaveChangesAsync(ct);
        changes.Raise(id);
        return null;
    }
}
