using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Drafting;

/// <summary>One turn of a ticket's conversation as drafting sees it: internal notes are never part of it.</summary>
public sealed record Turn(int MessageId, MessageAuthor Author, string Body);

/// <summary>
/// A ticket's customer and agent turns, oldest first, and the turn a draft answers: the latest customer message.
/// Drafting used to read the first customer message only, so a follow-up got no answer of its own.
/// </summary>
public sealed record Conversation(IReadOnlyList<Turn> Turns)
{
    /// <summary>A latest message shorter than this many words ("still broken", "any news?") is read with the turn before it.</summary>
    public const int StandAloneWords = 8;

    public Turn? Latest => Turns.LastOrDefault(t => t.Author == MessageAuthor.Customer);

    /// <summary>What retrieval searches for: the latest customer message, with the previous customer turn when it is too short alone.</summary>
    public string QueryText()
    {
        var customer = Turns.Where(t => t.Author == MessageAuthor.Customer).ToList();
        if (customer.Count == 0) return "";
        var latest = customer[^1].Body;
        return customer.Count > 1 && latest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length < StandAloneWords
            ? customer[^2].Body + "\n" + latest
            : latest;
    }

    /// <summary>Everything the customer wrote, for the injection guard.</summary>
    public string CustomerText() => string.Join("\n", Turns.Where(t => t.Author == MessageAuthor.Customer).Select(t => t.Body));

    public static async Task<Conversation> LoadAsync(AppDbContext db, int ticketId, CancellationToken ct) =>
        new(await db.TicketMessages.AsNoTracking().Where(m => m.TicketId == ticketId && m.Author != MessageAuthor.Note)
            .OrderBy(m => m.Id).Select(m => new Turn(m.Id, m.Author, m.Body)).ToListAsync(ct)); // arrival order

    /// <summary>The id of the ticket's latest customer message (null when there is none).</summary>
    public static Task<int?> LatestCustomerMessageIdAsync(AppDbContext db, int ticketId, CancellationToken ct) =>
        db.TicketMessages.Where(m => m.TicketId == ticketId && m.Author == MessageAuthor.Customer).MaxAsync(m => (int?)m.Id, ct);
}
