using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Tickets;

/// <summary>
/// The queue's search (issue 20.2): tickets whose subject, customer address or name, or any message contains the
/// searched words, or whose customer address starts with the searched address. On SQLite two FTS5 indexes answer (TicketsFts, TicketMessagesFts; every word a prefix, all required)
/// as subqueries of the queue's own query, so the status, queue and sort filters apply to every match and nothing scans
/// the tickets table; elsewhere a LIKE over the same columns.
/// </summary>
public static partial class MessageSearch
{
    public static IQueryable<Ticket> Filter(AppDbContext db, IQueryable<Ticket> q, string text)
    {
        if (!db.Database.IsSqlite())
            return q.Where(t => t.Subject.Contains(text) || t.CustomerEmail.Contains(text) || (t.CustomerName != null && t.CustomerName.Contains(text))
                                || db.TicketMessages.Any(m => m.TicketId == t.Id && m.Body.Contains(text)));
        // An address (or its start, "kim.lee@") is looked up in the customer addresses, case-insensitively, through the
        // lower(CustomerEmail) index — the same one the customer panel uses: its "example"/"com" tokens are in every row,
        // so a full-text match would read the whole index.
        if (!text.Any(char.IsWhiteSpace) && text.Contains('@'))
        {
            var (from, to) = (text.ToLowerInvariant(), text.ToLowerInvariant() + char.MaxValue);
            return q.Where(t => string.Compare(t.CustomerEmail.ToLower(), from) >= 0 && string.Compare(t.CustomerEmail.ToLower(), to) < 0);
        }
        // The words as the index's tokenizer sees them ("kim@example.com" is kim, example, com), each quoted (no FTS5
        // syntax from the user) and a prefix: "rattl" finds "rattling".
        var words = NonWord().Split(text).Where(w => w.Length > 0).Take(8).ToList();
        if (words.Count == 0) return q.Where(t => false);
        var match = string.Join(" AND ", words.Select(w => "\"" + w + "\"*"));
        var inTickets = db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM TicketsFts WHERE TicketsFts MATCH {match}");
        var inMessages = db.Database.SqlQuery<int>(
            $"SELECT m.TicketId AS Value FROM TicketMessagesFts f JOIN TicketMessages m ON m.Id = f.rowid WHERE TicketMessagesFts MATCH {match}");
        return q.Where(t => inTickets.Contains(t.Id) || inMessages.Contains(t.Id));
    }

    [GeneratedRegex(@"[^\p{L}\p{N}]+")] private static partial Regex NonWord();
}
