using SupportCopilot.Core.Data;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Events;

/// <summary>Adds events to a unit of work. Callers pass the ticket so category and queue are captured as they are now.</summary>
public static class TicketEvents
{
    public static TicketEvent Add(AppDbContext db, Ticket ticket, TicketEventType type, DateTime at, string? userId = null)
    {
        var e = new TicketEvent
        {
            Ticket = ticket.Id == 0 ? ticket : null, TicketId = ticket.Id, Type = type, At = at, UserId = userId,
            Category = ticket.Triage?.Category, Queue = ticket.Queue,
        };
        db.TicketEvents.Add(e);
        return e;
    }
}
