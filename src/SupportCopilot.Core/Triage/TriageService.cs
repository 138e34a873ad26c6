using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Triage;

public sealed record FieldGuess(string? Value, double Confidence);

public sealed record TriageGuess(FieldGuess Category, FieldGuess Type, FieldGuess Priority, FieldGuess Sentiment, FieldGuess Language, string Engine);

/// <summary>Classifies tickets: ML.NET per field where a model exists, the language detector and the sentiment lexicon always.</summary>
public sealed class TriageService(IDbContextFactory<AppDbContext> dbFactory, TriageModels models, TriageRouting routing, IOptions<TriageOptions> options, TimeProvider clock)
{
    public async Task<TriageGuess> ClassifyAsync(string? subject, string? body, CancellationToken ct = default)
    {
        var text = TriageText.Prepare(subject, body);
        var current = await models.CurrentAsync(ct);
        FieldGuess Field(string name)
        {
            if (!current.TryGetValue(name, out var m) || text.Length == 0) return new FieldGuess(null, 0);
            var (label, confidence) = m.Classifier.Predict(text);
            return new FieldGuess(label, confidence);
        }
        var (language, languageConfidence) = LanguageDetector.Detect(text);
        var (sentiment, sentimentConfidence) = SentimentLexicon.Detect(text);
        var engine = current.Count == 0 ? "rules" : "ml.net v" + string.Join('.', current.OrderBy(c => c.Key).Select(c => c.Value.Version));
        return new TriageGuess(Field("category"), Field("type"), Field("priority"), new FieldGuess(sentiment, sentimentConfidence),
            new FieldGuess(language, languageConfidence), engine);
    }

    /// <summary>Triages a ticket from its subject and first customer message; replaces a machine triage, never a human one.</summary>
    public async Task<TicketTriage?> TriageTicketAsync(int ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.Include(t => t.Triage).FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return null;
        if (ticket.Triage?.Engine is "label" or "agent")
        {
            // Human triage stays as it is; only the queue and SLA follow it.
            await routing.ApplyAsync(db, ticket, ct);
            await db.SaveChangesAsync(ct);
            return ticket.Triage;
        }
        var body = await db.TicketMessages.Where(m => m.TicketId == ticketId && m.Author == MessageAuthor.Customer)
            .OrderBy(m => m.Id).Select(m => m.Body).FirstOrDefaultAsync(ct);
        var guess = await ClassifyAsync(ticket.Subject, body, ct);
        var triage = ticket.Triage ?? new TicketTriage { Engine = guess.Engine };
        (triage.Category, triage.CategoryConfidence) = (guess.Category.Value, guess.Category.Confidence);
        (triage.Type, triage.TypeConfidence) = (guess.Type.Value, guess.Type.Confidence);
        (triage.Priority, triage.PriorityConfidence) = (guess.Priority.Value, guess.Priority.Confidence);
        (triage.Sentiment, triage.SentimentConfidence) = (guess.Sentiment.Value, guess.Sentiment.Confidence);
        (triage.Language, triage.LanguageConfidence) = (guess.Language.Value, guess.Language.Confidence);
        // A field without a model counts as unknown: the ticket needs a human for it.
        triage.Confidence = new[] { guess.Category, guess.Type, guess.Priority, guess.Language }.Min(f => f.Confidence);
        triage.NeedsHuman = triage.Confidence < options.Value.ConfidenceThreshold;
        triage.Engine = guess.Engine;
        triage.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        ticket.Triage = triage;
        await routing.ApplyAsync(db, ticket, ct);
        await db.SaveChangesAsync(ct);
        return triage;
    }
}
