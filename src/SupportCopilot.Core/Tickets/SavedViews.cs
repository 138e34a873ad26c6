using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Tickets;

/// <summary>An agent's named queue filter (issue 20.2): filters, search and sort as they were when saved.</summary>
public sealed class SavedView
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>The <see cref="QueueFilter"/> as JSON.</summary>
    public required string Filter { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A view in the queue's view menu: a built-in (Id null) or one the agent saved.</summary>
public sealed record QueueView(int? Id, string Name, QueueFilter Filter);

/// <summary>
/// Saved queue views per agent, beside three built-ins everyone has (My open, Needs human, Overdue). A view stores the
/// filter only; "assigned to me" is stored as <see cref="QueueFilter.Me"/>, so a view means the same for whoever opens it.
/// </summary>
public sealed class SavedViews(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxName = 60;
    public const int MaxViews = 30;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly IReadOnlyList<QueueView> BuiltIn =
    [
        new(null, "My open", new QueueFilter { Status = TicketStatus.Open, AssignedTo = QueueFilter.Me }),
        new(null, "Needs human", new QueueFilter { Status = TicketStatus.Open, NeedsHumanOnly = true }),
        new(null, "Overdue", new QueueFilter { Status = TicketStatus.Open, Sla = SlaFilter.Overdue, SortBy = "sla", Descending = false }),
    ];

    /// <summary>The built-ins first, then the user's own views by name.</summary>
    public async Task<IReadOnlyList<QueueView>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var own = await db.SavedViews.AsNoTracking().Where(v => v.UserId == userId).OrderBy(v => v.Name).ToListAsync(ct);
        return [.. BuiltIn, .. own.Select(v => new QueueView(v.Id, v.Name, Read(v.Filter)))];
    }

    /// <summary>Saves (or overwrites, by name) the user's view; returns an error sentence when it cannot.</summary>
    public async Task<string?> SaveAsync(string userId, string? name, QueueFilter filter, CancellationToken ct = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) return "Give the view a name.";
        if (name.Length > MaxName) return $"The name must be at most {MaxName} characters.";
        if (BuiltIn.Any(b => b.Name.Equals(name, StringComparison.OrdinalIgnoreCase))) return $"\"{name}\" is a built-in view; choose another name.";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.SavedViews.FirstOrDefaultAsync(v => v.UserId == userId && v.Name == name, ct);
        if (existing is null && await db.SavedViews.CountAsync(v => v.UserId == userId, ct) >= MaxViews)
            return $"You have {MaxViews} views already; delete one first.";
        var json = JsonSerializer.Serialize(filter, Json);
        if (existing is null) db.SavedViews.Add(new SavedView { UserId = userId, Name = name, Filter = json, CreatedAt = clock.GetUtcNow().UtcDateTime });
        else existing.Filter = json;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Deletes one of the user's own views (never someone else's).</summary>
    public async Task<bool> DeleteAsync(string userId, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SavedViews.Where(v => v.Id == id && v.UserId == userId).ExecuteDeleteAsync(ct) == 1;
    }

    // A view saved by an older version with a field since removed or renamed still opens (unknown fields are ignored).
    private static QueueFilter Read(string json)
    {
        try { return JsonSerializer.Deserialize<QueueFilter>(json, Json) ?? new QueueFilter(); }
        catch (JsonException) { return new QueueFilter(); }
    }
}
