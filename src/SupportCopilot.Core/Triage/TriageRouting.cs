using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Triage;

/// <summary>Routing rules and the category taxonomy, both edited by admins.</summary>
public sealed class TriageRouting(IDbContextFactory<AppDbContext> dbFactory, IOptions<RoutingOptions> options)
{
    /// <summary>Sets the ticket's queue (first matching rule, else the default) and its SLA due time from its priority.</summary>
    public async Task ApplyAsync(AppDbContext db, Ticket ticket, CancellationToken ct)
    {
        var rules = await db.RoutingRules.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
        var body = await db.TicketMessages.Where(m => m.TicketId == ticket.Id && m.Author == MessageAuthor.Customer)
            .OrderBy(m => m.Id).Select(m => m.Body).FirstOrDefaultAsync(ct) ?? "";
        var text = ticket.Subject + "\n" + body;
        var domain = ticket.CustomerEmail.Split('@').LastOrDefault() ?? "";
        var priority = ticket.Triage?.Priority;
        var rule = rules.FirstOrDefault(r =>
            (r.Keyword is null || text.Contains(r.Keyword, StringComparison.OrdinalIgnoreCase))
            && (r.EmailDomain is null || domain.Equals(r.EmailDomain, StringComparison.OrdinalIgnoreCase))
            && (r.Priority is null || r.Priority == priority));
        ticket.Queue = rule?.Queue ?? options.Value.DefaultQueue;
        ticket.SlaDueAt = priority is not null && options.Value.SlaHours.TryGetValue(priority, out var hours) ? ticket.CreatedAt.AddHours(hours) : null;
    }

    /// <summary>Every queue a ticket can be in: the default, the escalation queue, the rules' and those tickets are in now.</summary>
    public async Task<IReadOnlyList<string>> QueuesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ruled = await db.RoutingRules.Select(r => r.Queue).Distinct().ToListAsync(ct);
        var used = await db.Tickets.Where(t => t.Queue != null).Select(t => t.Queue!).Distinct().ToListAsync(ct);
        return [.. new[] { options.Value.DefaultQueue, options.Value.EscalationQueue }.Concat(ruled).Concat(used).Distinct().Order(StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<IReadOnlyList<RoutingRule>> RulesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RoutingRules.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
    }

    /// <summary>Adds a rule; returns an error sentence when it is invalid.</summary>
    public async Task<string?> AddRuleAsync(string? keyword, string? emailDomain, string? priority, string? queue, CancellationToken ct = default)
    {
        (keyword, emailDomain, priority, queue) = (Clean(keyword), Clean(emailDomain)?.TrimStart('@').ToLowerInvariant(), Clean(priority), Clean(queue));
        if (queue is null || queue.Length > 100) return "A queue name (at most 100 characters) is required.";
        if (keyword is null && emailDomain is null && priority is null) return "Give at least one condition: keyword, e-mail domain or priority.";
        if (priority is not null && !TriageOptions.Priorities.Contains(priority)) return $"Priority must be one of: {string.Join(", ", TriageOptions.Priorities)}.";
        if (emailDomain is not null && (emailDomain.Contains('@') || !emailDomain.Contains('.'))) return "The e-mail domain must look like example.com.";
        if (keyword is { Length: > 100 }) return "The keyword must be at most 100 characters.";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = (await db.RoutingRules.MaxAsync(r => (int?)r.Order, ct) ?? 0) + 1;
        db.RoutingRules.Add(new RoutingRule { Order = order, Keyword = keyword, EmailDomain = emailDomain, Priority = priority, Queue = queue });
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<bool> DeleteRuleAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RoutingRules.Where(r => r.Id == id).ExecuteDeleteAsync(ct) == 1;
    }

    public async Task<IReadOnlyList<string>> CategoriesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TriageCategories.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(ct);
    }

    /// <summary>Adds categories that are missing; returns how many were new.</summary>
    public async Task<int> AddCategoriesAsync(IEnumerable<string> names, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = (await db.TriageCategories.Select(c => c.Name).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = names.Select(Clean).OfType<string>().Where(n => n.Length <= 100 && existing.Add(n)).ToList();
        db.TriageCategories.AddRange(added.Select(n => new TriageCategory { Name = n }));
        await db.SaveChangesAsync(ct);
        return added.Count;
    }

    public async Task<bool> RemoveCategoryAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TriageCategories.Where(c => c.Name == name).ExecuteDeleteAsync(ct) == 1;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
