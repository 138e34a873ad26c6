using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Drafting;

/// <summary>An admin's version of a language's reply frame; the newest version of a language is the one drafts use.</summary>
public sealed class FrameVersion
{
    public int Id { get; set; }
    public required string Language { get; set; }
    public int Version { get; set; }
    /// <summary>The whole frame as JSON (<see cref="ReplyFrame.ToJson"/>).</summary>
    public required string Json { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The frame a draft uses, and the version it records: "extractive-v6" for the shipped words, "extractive-v6+de.2"
/// for an admin's second German version — so the dashboard splits acceptance by the words agents saw.</summary>
public sealed record ActiveFrame(ReplyFrame Frame, int Version)
{
    public string PromptVersion => Version == 0 ? ExtractiveDrafter.PromptVersion : $"{ExtractiveDrafter.PromptVersion}+{Frame.Language}.{Version}";
}

/// <summary>
/// Reply frames editable by admins (Settings), versioned like prompts: a save never changes a version, it adds the next
/// one; "use this version" and "back to the shipped words" add one too, so the history says what drafts read when.
/// Read from the database for every draft (one indexed row), so a worker process sees an admin's edit at once.
/// </summary>
public sealed partial class ReplyFrames(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    public const int MaxField = 600;

    public async Task<ActiveFrame> ForAsync(AppDbContext db, string? language, CancellationToken ct = default)
    {
        var code = ReplyFrame.For(language).Language;
        var latest = await db.FrameVersions.AsNoTracking().Where(f => f.Language == code).OrderByDescending(f => f.Version).FirstOrDefaultAsync(ct);
        return latest is null ? new ActiveFrame(ReplyFrame.For(code), 0) : new ActiveFrame(ReplyFrame.FromJson(latest.Json), latest.Version);
    }

    public async Task<ActiveFrame> ForAsync(string? language, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ForAsync(db, language, ct);
    }

    /// <summary>Every saved version of a language, newest first.</summary>
    public async Task<IReadOnlyList<FrameVersion>> HistoryAsync(string language, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.FrameVersions.AsNoTracking().Where(f => f.Language == language).OrderByDescending(f => f.Version).ToListAsync(ct);
    }

    /// <summary>Why a frame cannot be used, per field: empty, too long, or a placeholder the field does not fill (a typo
    /// such as {nmae} would reach the customer as it is).</summary>
    public static IReadOnlyList<string> Validate(ReplyFrame frame)
    {
        var errors = new List<string>();
        foreach (var (field, allowed) in ReplyFrame.Fields)
        {
            var text = frame.Get(field);
            if (string.IsNullOrWhiteSpace(text)) { errors.Add($"{field}: must not be empty."); continue; }
            if (text.Length > MaxField) errors.Add($"{field}: at most {MaxField} characters.");
            foreach (var unknown in Placeholder().Matches(text).Select(m => m.Value).Where(p => !allowed.Contains(p)).Distinct())
                errors.Add($"{field}: {unknown} is not filled in here" + (allowed.Length == 0 ? " (this text takes no placeholders)." : $"; it can use {string.Join(", ", allowed)}."));
        }
        return errors;
    }

    /// <summary>Saves <paramref name="frame"/> as its language's next version (audited); refused with the reasons when invalid
    /// or when it is the same as the version in use.</summary>
    public async Task<(bool Saved, string Message)> SaveAsync(ReplyFrame frame, Actor actor, CancellationToken ct = default)
    {
        if (!ReplyFrame.All.ContainsKey(frame.Language)) return (false, $"There is no reply frame for the language \"{frame.Language}\".");
        frame = frame with { Names = ReplyFrame.For(frame.Language).Names }; // language names are not edited here
        if (Validate(frame) is { Count: > 0 } errors) return (false, string.Join(" ", errors));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await ForAsync(db, frame.Language, ct);
        if (current.Frame.ToJson() == frame.ToJson()) return (false, "Nothing changed: this is the version drafts use now.");
        var next = current.Version + 1;
        db.FrameVersions.Add(new FrameVersion { Language = frame.Language, Version = next, Json = frame.ToJson(), CreatedBy = actor.Name, CreatedAt = clock.GetUtcNow().UtcDateTime });
        audit.Add(db, actor, AuditActions.SettingsChanged, $"frame:{frame.Language}", $"reply frame {frame.Language} version {next}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (Language, Version) index: another admin saved this language a moment ago.
            return (false, "Another admin saved this language just now; reload to see their version.");
        }
        return (true, $"Saved as version {next}: new drafts in this language use it (recorded as {new ActiveFrame(frame, next).PromptVersion}).");
    }

    [GeneratedRegex(@"\{[^{}\s]{1,40}\}")] private static partial Regex Placeholder();
}
