using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Tickets;

/// <summary>
/// The queue's search (issue 20.2): tickets whose subject, customer address or name, or any message contains the
/// searched words, or whose customer address starts with the searched address. On SQLite two FTS5 indexes answer (TicketsFts, TicketMessagesFts; every word a prefix, all required)
/// as subqueries of the queue's own query, so the status, queue and sort filters apply to every match and nothing scans
/// the tickets table; elsewhere a LIKE over the same columns.
/// A word in most tickets ("filter" in 800k of 1M messages) would make every page sort and count all its matches (1 s):
/// each index gives its <see cref="Newest"/> most recent matches only, and the result says when that cut anything off
/// (the queue then says so).
/// </summary>
public static partial class MessageSearch
{
    /// <summary>How many of the most recent matches each index contributes to a search: at 1M tickets, a word in 80 % of
    /// them answers in p95 19 ms with 1,000 (1 s uncut; 45 ms as a word's start, "filte"); an agent narrows a search rather than pages
    /// through thousands of matches.</summary>
    public const int Newest = 1000;

    /// <summary>The tickets matching a search and whether older matches were cut off.</summary>
    public sealed record Result(IQueryable<Ticket> Tickets, bool Capped);

    /// <param name="newest">How many of the most recent matches each index gives (<see cref="Newest"/>; smaller in tests).</param>
    public static async Task<Result> FilterAsync(AppDbContext db, IQueryable<Ticket> q, string text, CancellationToken ct, int newest = Newest)
    {
        if (!db.Database.IsSqlite())
            return new(q.Where(t => t.Subject.Contains(text) || t.CustomerEmail.Contains(text) || (t.CustomerName != null && t.CustomerName.Contains(text))
                                    || db.TicketMessages.Any(m => m.TicketId == t.Id && m.Body.Contains(text))), false);
        // An address (or its start, "kim.lee@") is looked up in the customer addresses, case-insensitively, through the
        // lower(CustomerEmail) index — the same one the customer panel uses: its "example"/"com" tokens are in every row,
        // so a full-text match would read the whole index.
        if (!text.Any(char.IsWhiteSpace) && text.Contains('@'))
        {
            var (from, to) = (text.ToLowerInvariant(), text.ToLowerInvariant() + char.MaxValue);
            return new(q.Where(t => string.Compare(t.CustomerEmail.ToLower(), from) >= 0 && string.Compare(t.CustomerEmail.ToLower(), to) < 0), false);
        }
        // The words as the index's tokenizer sees them ("kim@example.com" is kim, example, com).
        var words = Words(text);
        if (words.Count == 0) return new(q.Where(t => false), false);
        var inTickets = await NewestAsync(words, (match, limit) => db.Database.SqlQuery<int>(
            $"SELECT rowid AS Value FROM TicketsFts WHERE TicketsFts MATCH {match} ORDER BY rowid DESC LIMIT {limit}"), newest, ct);
        var inMessages = await NewestAsync(words, (match, limit) => db.Database.SqlQuery<int>(
            $"SELECT m.TicketId AS Value FROM TicketMessages m WHERE m.Id IN (SELECT rowid FROM TicketMessagesFts WHERE TicketMessagesFts MATCH {match} ORDER BY rowid DESC LIMIT {limit}) ORDER BY m.Id DESC"), newest, ct);
        var ids = inTickets.Take(newest).Concat(inMessages.Take(newest)).Distinct().ToList();
        // Inlined as constants: SQLite then builds one lookup for the list (EF's JSON parameter was probed per open ticket:
        // 0.7 s).
        return new(q.Where(t => EF.Constant(ids).Contains(t.Id)), inTickets.Count > newest || inMessages.Count > newest);
    }

    /// <summary>
    /// One index read once, newest first, one past the cut to know whether it cut; the page and its count then work on
    /// these ticket numbers. The whole words are tried first: FTS5 walks a word's list lazily (0.2 ms for a word in 720k
    /// messages), but reads every list of a prefix whole before the first row (27 ms). When the whole words alone fill the
    /// cut, those newest matches are the answer (a newer "filters" beyond the cut is left out, as every older match is);
    /// otherwise the prefix query runs, so "rattl" still finds "rattling".
    /// </summary>
    private static async Task<List<int>> NewestAsync(List<string> words, Func<string, int, IQueryable<int>> query, int newest, CancellationToken ct)
    {
        var whole = await query(Match(words, prefix: false), newest + 1).ToListAsync(ct);
        return whole.Count > newest ? whole : await query(Match(words, prefix: true), newest + 1).ToListAsync(ct);
    }

    private static List<string> Words(string text) => NonWord().Split(text).Where(w => w.Length > 0).Take(8).ToList();

    /// <summary>Each word quoted (no FTS5 syntax from the user), as a prefix ("rattl" finds "rattling") or whole, all required.</summary>
    private static string Match(IEnumerable<string> words, bool prefix) =>
        string.Join(" AND ", words.Select(w => "\"" + w + (prefix ? "\"*" : "\"")));

    [GeneratedRegex(@"[^\p{L}\p{N}]+")] private static partial Regex NonWord();
}
