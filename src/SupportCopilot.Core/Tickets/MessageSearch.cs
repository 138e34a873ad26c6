using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Tickets;

/// <summary>
/// Which tickets have a message containing the searched words: BM25-free FTS5 matching over TicketMessagesFts on SQLite
/// (every word as a prefix, all required), a LIKE over the bodies elsewhere. Capped: a queue search shows pages of
/// tickets, not every match of a common word.
/// </summary>
public static class MessageSearch
{
    public const int MaxTickets = 1000;

    public static async Task<List<int>> TicketIdsAsync(AppDbContext db, string text, CancellationToken ct)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray())).Where(w => w.Length > 0).Take(8).ToList();
        if (words.Count == 0) return [];
        if (!db.Database.IsSqlite())
            return await db.TicketMessages.Where(m => m.Body.Contains(text)).Select(m => m.TicketId).Distinct().Take(MaxTickets).ToListAsync(ct);
        // Each word quoted (no FTS5 syntax from the user) and a prefix: "rattl" finds "rattling".
        var match = string.Join(" AND ", words.Select(w => "\"" + w + "\"*"));
        return await db.Database.SqlQuery<int>(
                $"SELECT DISTINCT m.TicketId AS Value FROM TicketMessagesFts f JOIN TicketMessages m ON m.Id = f.rowid WHERE TicketMessagesFts MATCH {match} LIMIT {MaxTickets}")
            .ToListAsync(ct);
    }
}
