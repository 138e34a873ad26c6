using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Macros;

/// <summary>A canned reply admins keep (issue 20.4), in one language or any, with placeholders filled per ticket.</summary>
public sealed class Macro
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>ISO 639-1 code, or null: offered on tickets in any language.</summary>
    public string? Language { get; set; }
    public required string Body { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One insertion of a macro into a reply, for the dashboard's usage count.</summary>
public sealed class MacroUse
{
    public long Id { get; set; }
    public int MacroId { get; set; }
    public int TicketId { get; set; }
    public required string UserId { get; set; }
    public DateTime At { get; set; }
}

/// <summary>Who and what a macro's placeholders are filled from.</summary>
public sealed record MacroContext(int TicketId, string Subject, string? CustomerName, string CustomerEmail, string AgentName);

/// <summary>
/// Admin-managed canned replies with placeholders: {customer.firstName}, {customer.name}, {ticket.id}, {ticket.subject},
/// {agent.name}. A placeholder the app does not know ({custmer.name}) is refused on save, so a typo never reaches a
/// customer as literal braces. Saves and deletes are audited; insertions counted.
/// </summary>
public sealed partial class MacroLibrary(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    public const int MaxName = 100;
    public const int MaxBody = 4000;
    public static readonly IReadOnlyList<string> Placeholders = ["{customer.firstName}", "{customer.name}", "{ticket.id}", "{ticket.subject}", "{agent.name}"];

    /// <summary>Macros whose name or text contains the search (all when empty), for a ticket in <paramref name="language"/>
    /// (its own language's and those for any language; all languages when null).</summary>
    public async Task<IReadOnlyList<Macro>> SearchAsync(string? search, string? language, int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Macros.AsNoTracking();
        if (language is not null) q = q.Where(m => m.Language == null || m.Language == language);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToLower();
            q = q.Where(m => m.Name.ToLower().Contains(s) || m.Body.ToLower().Contains(s));
        }
        return await q.OrderBy(m => m.Name).Take(take).ToListAsync(ct);
    }

    /// <summary>Adds (id null) or changes a macro; returns an error sentence when it is invalid.</summary>
    public async Task<string?> SaveAsync(int? id, string? name, string? language, string? body, Actor by, CancellationToken ct = default)
    {
        (name, language, body) = (name?.Trim(), string.IsNullOrWhiteSpace(language) ? null : language.Trim().ToLowerInvariant(), body?.Trim());
        if (string.IsNullOrEmpty(name) || name.Length > MaxName) return $"Give the macro a name (at most {MaxName} characters).";
        if (string.IsNullOrEmpty(body)) return "The macro's text is empty.";
        if (body.Length > MaxBody) return $"The text must be at most {MaxBody:N0} characters.";
        if (language is not null && !LanguageCode().IsMatch(language)) return "Language must be a two-letter code such as en or de, or empty for any language.";
        if (Placeholder().Matches(body).Select(m => m.Value).FirstOrDefault(p => !Placeholders.Contains(p)) is { } unknown)
            return $"Unknown placeholder {unknown}; use {string.Join(", ", Placeholders)}.";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Macros.AnyAsync(m => m.Name == name && m.Language == language && m.Id != id, ct))
            return $"A macro named \"{name}\" exists for {(language ?? "any language")} already.";
        var macro = id is null ? null : await db.Macros.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (id is not null && macro is null) return "The macro does not exist any more.";
        if (macro is null) db.Macros.Add(macro = new Macro { Name = name, Body = body, UpdatedBy = by.Name });
        (macro.Name, macro.Language, macro.Body, macro.UpdatedBy, macro.UpdatedAt) = (name, language, body, by.Name, clock.GetUtcNow().UtcDateTime);
        audit.Add(db, by, id is null ? AuditActions.MacroAdded : AuditActions.MacroChanged, $"macro:{name}", language ?? "any language");
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<bool> DeleteAsync(int id, Actor by, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var macro = await db.Macros.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (macro is null) return false;
        db.Macros.Remove(macro);
        audit.Add(db, by, AuditActions.MacroDeleted, $"macro:{macro.Name}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The macro's text for this ticket and agent, with the use counted.</summary>
    public async Task<string?> UseAsync(int macroId, MacroContext context, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var macro = await db.Macros.AsNoTracking().FirstOrDefaultAsync(m => m.Id == macroId, ct);
        if (macro is null) return null;
        db.MacroUses.Add(new MacroUse { MacroId = macroId, TicketId = context.TicketId, UserId = userId, At = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        return Fill(macro.Body, context);
    }

    /// <summary>Placeholders filled; a customer without a name is greeted by nothing rather than by their e-mail address.</summary>
    public static string Fill(string body, MacroContext c)
    {
        var name = string.IsNullOrWhiteSpace(c.CustomerName) ? "" : c.CustomerName.Trim();
        var first = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return body.Replace("{customer.firstName}", first, StringComparison.Ordinal).Replace("{customer.name}", name, StringComparison.Ordinal)
            .Replace("{ticket.id}", c.TicketId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{ticket.subject}", c.Subject, StringComparison.Ordinal).Replace("{agent.name}", c.AgentName, StringComparison.Ordinal);
    }

    /// <summary>Insertions per macro in [from, to), most used first, for the dashboard.</summary>
    public async Task<IReadOnlyList<(string Name, string? Language, int Uses)>> UsageAsync(DateTime from, DateTime to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.MacroUses.Where(u => u.At >= from && u.At < to).GroupBy(u => u.MacroId).Select(g => new { Id = g.Key, Uses = g.Count() })
            .Join(db.Macros, u => u.Id, m => m.Id, (u, m) => new { m.Name, m.Language, u.Uses }).ToListAsync(ct);
        return rows.OrderByDescending(r => r.Uses).ThenBy(r => r.Name).Select(r => (r.Name, r.Language, r.Uses)).ToList();
    }

    [GeneratedRegex(@"\{[^{}\s]{1,40}\}")] private static partial Regex Placeholder();
    [GeneratedRegex("^[a-z]{2}$")] private static partial Regex LanguageCode();
}
