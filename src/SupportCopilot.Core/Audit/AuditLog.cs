using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Audit;

/// <summary>Who is acting: a signed-in user, an API key or the system itself.</summary>
public sealed record Actor(string Id, string Name)
{
    public static readonly Actor System = new("system", "system");
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Rows, int Total);

/// <summary>Writes and reads the audit log. Services add entries to their own unit of work so the entry and the change commit together.</summary>
public sealed class AuditLog(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxDetail = 1000;

    /// <summary>Adds an entry to <paramref name="db"/>'s pending changes; the caller's SaveChanges commits it with the change it records.</summary>
    public void Add(AppDbContext db, Actor actor, string action, string target, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, Actor = actor.Id, ActorName = actor.Name, Action = action, Target = target,
            Detail = detail is { Length: > MaxDetail } ? detail[..MaxDetail] : detail,
        });

    /// <summary>Records an action that changes nothing else (a view, a test send).</summary>
    public async Task RecordAsync(Actor actor, string action, string target, string? detail = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Add(db, actor, action, target, detail);
        await db.SaveChangesAsync(ct);
    }

    public async Task<AuditPage> SearchAsync(string? action, string? actorName, string? target, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action)) q = q.Where(e => e.Action.StartsWith(action));
        if (!string.IsNullOrWhiteSpace(actorName)) q = q.Where(e => e.ActorName.Contains(actorName));
        if (!string.IsNullOrWhiteSpace(target)) q = q.Where(e => e.Target == target);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(e => e.Id).Skip(skip).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        return new AuditPage(rows, total);
    }
}
