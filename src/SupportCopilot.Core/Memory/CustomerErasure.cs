using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Memory;

public sealed record ErasureResult(int Tickets, int Messages, int Drafts, int MemoryEntries, int OutboxMessages, IReadOnlyList<int> TicketIds);

/// <summary>
/// "Erase customer data": every ticket of one e-mail address goes, with its messages, triage, drafts, approvals,
/// outbox bodies, events and reply-memory entries (their full-text rows by trigger, their vectors at the next index
/// sync). The audit keeps what happened by id only: the erasure is recorded with ticket ids and counts, and the
/// details of earlier entries about those tickets and drafts (reject notes may quote the customer) are cleared.
/// </summary>
public sealed class CustomerErasure(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, Tickets.TicketChanges changes)
{
    public async Task<ErasureResult> EraseAsync(string email, Actor actor, CancellationToken ct = default)
    {
        email = email.Trim();
        if (email.Length is 0 or > 320 || !email.Contains('@')) throw new ArgumentException("Enter the customer's e-mail address.", nameof(email));
        var lower = email.ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.BeginWriteAsync(ct);
        var ids = await db.Tickets.Where(t => t.CustomerEmail.ToLower() == lower).Select(t => t.Id).OrderBy(id => id).ToListAsync(ct);
        if (ids.Count == 0) return new ErasureResult(0, 0, 0, 0, 0, []);
        var draftIds = await db.Drafts.Where(d => ids.Contains(d.TicketId)).Select(d => d.Id).ToListAsync(ct);
        var messages = await db.TicketMessages.CountAsync(m => ids.Contains(m.TicketId), ct);
        var memory = await db.ReplyMemories.CountAsync(m => ids.Contains(m.TicketId), ct);
        // Outbox and approvals refer to drafts with Restrict (nothing sendable may vanish by accident), so they go first, explicitly.
        var outbox = await db.Outbox.Where(o => ids.Contains(o.TicketId)).ExecuteDeleteAsync(ct);
        await db.Approvals.Where(a => ids.Contains(a.TicketId)).ExecuteDeleteAsync(ct);
        await db.Tickets.Where(t => ids.Contains(t.Id)).ExecuteDeleteAsync(ct); // cascades: messages, triage, drafts, events, memory
        var targets = ids.Select(id => $"ticket:{id}").Concat(draftIds.Select(id => $"draft:{id}")).ToList();
        foreach (var chunk in targets.Chunk(500))
            await db.AuditEntries.Where(a => chunk.Contains(a.Target)).ExecuteUpdateAsync(s => s.SetProperty(a => a.Detail, (string?)null), ct);
        audit.Add(db, actor, AuditActions.CustomerErased, "customer",
            $"{ids.Count} tickets ({string.Join(", ", ids.Take(100))}{(ids.Count > 100 ? ", …" : "")}), {messages} messages, {draftIds.Count} drafts, {memory} memory entries, {outbox} outbox messages");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var id in ids) changes.Raise(id);
        return new ErasureResult(ids.Count, messages, draftIds.Count, memory, outbox, ids);
    }
}
