namespace SupportCopilot.Core.Tickets;

/// <summary>
/// In-process signal that a ticket changed, so open queue and ticket pages refresh without a reload. Work done by
/// another process (a scaled-out worker) is picked up by the pages' own polling of <see cref="TicketService.ChangeMarkAsync"/>.
/// </summary>
public sealed class TicketChanges
{
    public event Action<int>? Changed;

    public void Raise(int ticketId) => Changed?.Invoke(ticketId);
}
