using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Triage;

/// <summary>
/// Agents' corrections of triage fields. Each is kept as a labelled example (who, when, old → new); the ticket's
/// triage becomes a human one ("agent"), which the classifier never overwrites and training learns from.
/// </summary>
public sealed partial class TriageCorrections(IDbContextFactory<AppDbContext> dbFactory, TriageRouting routing, IOptions<TriageOptions> options, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Fields = ["category", "type", "priority", "sentiment", "language"];

    /// <summary>Applies one correction; returns an error sentence when the field or value is not allowed.</summary>
    public async Task<string?> CorrectAsync(int ticketId, string field, string? value, string userId, CancellationToken ct = default)
    {
        var v = value?.Trim() ?? "";
        var error = field switch
        {
            _ when !Fields.Contains(field) => $"Unknown field '{field}'.",
            _ when v.Length is 0 or > 100 => "Choose a value (at most 100 characters).",
            "type" when !TriageOptions.Types.Contains(v) => $"Type must be one of: {string.Join(", ", TriageOptions.Types)}.",
            "priority" when !TriageOptions.Priorities.Contains(v) => $"Priority must be one of: {string.Join(", ", TriageOptions.Priorities)}.",
            "sentiment" when !TriageOptions.Sentiments.Contains(v) => $"Sentiment must be one of: {string.Join(", ", TriageOptions.Sentiments)}.",
            "language" when !LanguageCode().IsMatch(v) => "Language must be a code such as en, de or pt-BR.",
            _ => null,
        };
        if (error is not null) return error;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (field == "category" && await db.TriageCategories.AnyAsync(ct) && !await db.TriageCategories.AnyAsync(c => c.Name == v, ct))
            return $"'{v}' is not in the category taxonomy; an admin can add it on the Triage page.";
        var ticket = await db.Tickets.Include(t => t.Triage).FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return $"Ticket {ticketId} does not exist.";
        var now = clock.GetUtcNow().UtcDateTime;
        var triage = ticket.Triage ??= new TicketTriage { Engine = "agent", UpdatedAt = now };
        var old = field switch { "category" => triage.Category, "type" => triage.Type, "priority" => triage.Priority, "sentiment" => triage.Sentiment, _ => triage.Language };
        switch (field)
        {
            case "category": (triage.Category, triage.CategoryConfidence) = (v, 1); break;
            case "type": (triage.Type, triage.TypeConfidence) = (v, 1); break;
            case "priority": (triage.Priority, triage.PriorityConfidence) = (v, 1); break;
            case "sentiment": (triage.Sentiment, triage.SentimentConfidence) = (v, 1); break;
            default: (triage.Language, triage.LanguageConfidence) = (v, 1); break;
        }
        // A human has now looked at this ticket's triage: it no longer needs one, and the classifier leaves it alone.
        (triage.Engine, triage.NeedsHuman, triage.UpdatedAt) = ("agent", false, now);
        db.TriageCorrections.Add(new TriageCorrection { TicketId = ticketId, Field = field, OldValue = old, NewValue = v, UserId = userId, CreatedAt = now });
        await routing.ApplyAsync(db, ticket, ct); // a new priority or keyword may mean another queue and SLA
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// The agent saved the triage as shown: every field present is now a human-confirmed label (confidence 1), and
    /// the ticket no longer needs triage. Corrections themselves are recorded by <see cref="CorrectAsync"/>.
    /// </summary>
    public async Task<bool> ConfirmAsync(int ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var triage = await db.Triages.FirstOrDefaultAsync(t => t.TicketId == ticketId, ct);
        if (triage is null) return false;
        if (triage.Category is not null) triage.CategoryConfidence = 1;
        if (triage.Type is not null) triage.TypeConfidence = 1;
        if (triage.Priority is not null) triage.PriorityConfidence = 1;
        if (triage.Sentiment is not null) triage.SentimentConfidence = 1;
        if (triage.Language is not null) triage.LanguageConfidence = 1;
        triage.Confidence = 1;
        (triage.Engine, triage.NeedsHuman, triage.UpdatedAt) = ("agent", false, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Categories in use (labels and corrections), for the agent's picker.</summary>
    public async Task<IReadOnlyList<string>> KnownCategoriesAsync(CancellationToken ct = default)
    {
        var taxonomy = await routing.CategoriesAsync(ct);
        if (taxonomy.Count > 0) return taxonomy;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Triages.Where(t => t.Category != null && (t.Engine == "label" || t.Engine == "agent"))
            .Select(t => t.Category!).Distinct().OrderBy(c => c).ToListAsync(ct);
    }

    public async Task<int> SinceLastTrainingAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lastTraining = await db.TriageModels.MaxAsync(m => (DateTime?)m.TrainedAt, ct) ?? DateTime.MinValue;
        return await db.TriageCorrections.CountAsync(c => c.CreatedAt > lastTraining, ct);
    }

    /// <summary>True when enough corrections arrived since the newest model was trained.</summary>
    public async Task<bool> RetrainDueAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lastTraining = await db.TriageModels.MaxAsync(m => (DateTime?)m.TrainedAt, ct) ?? DateTime.MinValue;
        return await db.TriageCorrections.CountAsync(c => c.CreatedAt > lastTraining, ct) >= options.Value.RetrainAfterCorrections;
    }

    [GeneratedRegex(@"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")] private static partial Regex LanguageCode();
}
