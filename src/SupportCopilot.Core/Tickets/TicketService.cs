using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Tickets;

public sealed record QueueRow(int Id, string Subject, string CustomerEmail, TicketStatus Status, string? Category, string? Priority,
    DateTime CreatedAt, bool HasDraft, bool NeedsHuman, string? Queue, DateTime? SlaDueAt);

public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, int Total);

/// <summary>Intake and reads of tickets. Drafting picks new tickets up on its own, so intake never waits for it.</summary>
public sealed class TicketService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Stores a ticket that passed <see cref="NewTicket.Validate"/>; the caller validates first.</summary>
    public async Task<Ticket> CreateAsync(NewTicket input, CancellationToken ct = default)
    {
        if (input.Validate().Count > 0) throw new ArgumentException("The ticket is invalid; validate before creating.", nameof(input));
        var now = clock.GetUtcNow().UtcDateTime;
        var ticket = new Ticket
        {
            Subject = input.Subject!.Trim(),
            CustomerEmail = input.CustomerEmail!.Trim(),
            CustomerName = string.IsNullOrWhiteSpace(input.CustomerName) ? null : input.CustomerName.Trim(),
            ExternalId = string.IsNullOrWhiteSpace(input.ExternalId) ? null : input.ExternalId.Trim(),
            Channel = input.Channel is null ? TicketChannel.Api : Enum.Parse<TicketChannel>(input.Channel, ignoreCase: true),
            Status = TicketStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
        };
        ticket.Messages.Add(new TicketMessage
        {
            Author = MessageAuthor.Customer, AuthorName = ticket.CustomerName ?? ticket.CustomerEmail, Body = input.Body!, CreatedAt = now,
        });
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(ct);
        return ticket;
    }

    /// <summary>
    /// A customer's follow-up: appended to the thread, the ticket re-opened, and a machine triage dropped so the triage
    /// job classifies the ticket again with everything the customer has written. A human triage stays.
    /// </summary>
    public async Task<bool> AddCustomerReplyAsync(int ticketId, string body, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(body)) throw new ArgumentException("The reply is empty.", nameof(body));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.Include(t => t.Triage).FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        db.TicketMessages.Add(new TicketMessage
        {
            TicketId = ticketId, Author = MessageAuthor.Customer, AuthorName = ticket.CustomerName ?? ticket.CustomerEmail,
            Body = body.Length > NewTicket.MaxBody ? body[..NewTicket.MaxBody] : body, CreatedAt = now,
        });
        if (ticket.Triage is { Engine: not ("label" or "agent") } machine) db.Triages.Remove(machine);
        (ticket.Status, ticket.UpdatedAt) = (TicketStatus.Open, now);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Ticket?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Triage).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null) return null;
        // Ordered here rather than in Include: SQLite keeps insertion order, SQL Server promises nothing.
        ticket.Messages = await db.TicketMessages.AsNoTracking().Where(m => m.TicketId == id)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);
        return ticket;
    }

    public async Task<QueuePage> QueueAsync(TicketStatus? status, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Tickets.AsNoTracking();
        if (status is not null) q = q.Where(t => t.Status == status);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Skip(skip).Take(Math.Clamp(take, 1, 200))
            .Select(t => new QueueRow(t.Id, t.Subject, t.CustomerEmail, t.Status, t.Triage!.Category, t.Triage!.Priority, t.CreatedAt,
                db.Drafts.Any(d => d.TicketId == t.Id), t.Triage != null && t.Triage.NeedsHuman, t.Queue, t.SlaDueAt))
            .ToListAsync(ct);
        return new QueuePage(rows, total);
    }
}
