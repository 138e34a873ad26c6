using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Core.Approval;

/// <summary>A signature under outgoing replies: an agent's own, a queue's (its team's), or the whole team's.</summary>
public sealed class Signature
{
    public int Id { get; set; }
    /// <summary>"team", "queue:{name}" or "user:{id}".</summary>
    public required string Scope { get; set; }
    public required string Text { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// Signatures appended to every outgoing reply (the preview shows them): the agent's own if they set one, else the
/// ticket's queue's, else the team's; none when nothing is set. "{agent}" stands for the approving agent's name, so one
/// team signature can still name who answered.
/// </summary>
public sealed class Signatures(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    public const int MaxText = 1000;
    public const string Team = "team";
    public const string AgentPlaceholder = "{agent}";
    public static string OfUser(string userId) => "user:" + userId;
    public static string OfQueue(string queue) => "queue:" + queue;

    /// <summary>The signature for a reply by <paramref name="agent"/> on a ticket in <paramref name="queue"/>, filled in; null when none applies.</summary>
    public static async Task<string?> ForAsync(AppDbContext db, AppUser agent, string? queue, CancellationToken ct = default)
    {
        string[] scopes = queue is null ? [OfUser(agent.Id), Team] : [OfUser(agent.Id), OfQueue(queue), Team];
        var found = await db.Signatures.AsNoTracking().Where(s => scopes.Contains(s.Scope)).ToListAsync(ct);
        var text = scopes.Select(scope => found.FirstOrDefault(s => s.Scope == scope)?.Text).FirstOrDefault(t => t is not null);
        var name = string.IsNullOrWhiteSpace(agent.DisplayName) ? agent.Email ?? agent.UserName ?? "" : agent.DisplayName;
        return text?.Replace(AgentPlaceholder, name, StringComparison.Ordinal);
    }

    public async Task<string?> ForAsync(string userId, string? queue, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        return user is null ? null : await ForAsync(db, user, queue, ct);
    }

    /// <summary>Every saved signature by scope.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Signatures.AsNoTracking().ToDictionaryAsync(s => s.Scope, s => s.Text, ct);
    }

    /// <summary>Sets (or, with empty text, removes) the signature of a scope; audited.</summary>
    public async Task<(bool Saved, string Message)> SaveAsync(string scope, string? text, Actor actor, CancellationToken ct = default)
    {
        text = text?.Replace("\r\n", "\n").Trim();
        if (text is { Length: > MaxText }) return (false, $"A signature can have at most {MaxText} characters.");
        if (scope != Team && !scope.StartsWith("queue:", StringComparison.Ordinal) && !scope.StartsWith("user:", StringComparison.Ordinal))
            return (false, "Unknown signature scope.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Signatures.FirstOrDefaultAsync(s => s.Scope == scope, ct);
        if (string.IsNullOrEmpty(text))
        {
            if (row is null) return (true, "No signature set.");
            db.Signatures.Remove(row);
        }
        else if (row is null) db.Signatures.Add(new Signature { Scope = scope, Text = text, UpdatedBy = actor.Name, UpdatedAt = clock.GetUtcNow().UtcDateTime });
        else (row.Text, row.UpdatedBy, row.UpdatedAt) = (text, actor.Name, clock.GetUtcNow().UtcDateTime);
        // A user's own signature is named by the scope only: the audit needs no copy of its text.
        audit.Add(db, actor, AuditActions.SettingsChanged, scope.Length > 100 ? scope[..100] : scope, string.IsNullOrEmpty(text) ? "signature removed" : "signature set");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (false, "Someone saved this signature at the same moment; reload and try again.");
        }
        return (true, string.IsNullOrEmpty(text) ? "Signature removed." : "Signature saved: it is added to replies approved from now on.");
    }
}
