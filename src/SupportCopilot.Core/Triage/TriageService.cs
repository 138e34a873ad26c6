using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Triage;

public sealed record FieldGuess(string? Value, double Confidence);

public sealed record TriageGuess(FieldGuess Category, FieldGuess Type, FieldGuess Priority, FieldGuess Sentiment, FieldGuess Language, string Engine)
{
    /// <summary>The urgency signal behind the priority, if any (<see cref="UrgencySignals"/>).</summary>
    public string? PriorityReason { get; init; }
    /// <summary>The ticket's embedding when the neighbour vote computed one: kept for the next training.</summary>
    public float[]? Embedding { get; init; }
    /// <summary>The priorities the guess could have been (the model's classes, else the product's list).</summary>
    public IReadOnlyList<string> PriorityClasses { get; init; } = TriageOptions.Priorities.ToList();
}

/// <summary>Classifies tickets: ML.NET per field where a model exists, the language detector and the sentiment lexicon always.</summary>
public sealed class TriageService(IDbContextFactory<AppDbContext> dbFactory, TriageModels models, TriageRouting routing, Models.ModelChain chat,
    IOptions<TriageOptions> options, TimeProvider clock, Tickets.TicketChanges changes)
{
    public async Task<TriageGuess> ClassifyAsync(string? subject, string? body, CancellationToken ct = default)
    {
        var text = TriageText.Prepare(subject, body);
        var current = await models.CurrentAsync(ct);
        // One embedding serves every field's neighbour vote.
        var embedding = current.Values.Any(m => m.Predictor.Neighbours is not null) ? await models.EmbedAsync(text, ct) : null;
        FieldGuess Field(string name)
        {
            if (!current.TryGetValue(name, out var m) || text.Length == 0) return new FieldGuess(null, 0);
            var (label, confidence) = m.Predictor.Predict(text, embedding);
            return new FieldGuess(label, confidence);
        }
        var (language, languageConfidence) = LanguageDetector.Detect(text);
        // Sentiment: the trained classifier once corrections have produced enough labels, the lexicon until then.
        var trainedSentiment = current.ContainsKey("sentiment") ? Field("sentiment") : null;
        var (sentiment, sentimentConfidence) = trainedSentiment is not null ? (trainedSentiment.Value, trainedSentiment.Confidence) : SentimentLexicon.Detect(text);
        var engine = current.Count == 0 ? "rules" : "ml.net v" + string.Join('.', current.OrderBy(c => c.Key).Select(c => c.Value.Version));
        // Urgency signals (outage, security, data loss, legal, payment failure) raise a low or medium priority to high.
        var learned = Field("priority");
        var priorities = current.TryGetValue("priority", out var pm) ? pm.Predictor.Classes.ToList() : TriageOptions.Priorities.ToList();
        var urgent = UrgencySignals.Adjust(learned.Value, learned.Confidence, text, priorities);
        var guess = new TriageGuess(Field("category"), Field("type"), new FieldGuess(urgent.Label, urgent.Confidence), new FieldGuess(sentiment, sentimentConfidence),
            new FieldGuess(language, languageConfidence), engine) { PriorityReason = urgent.Reason, Embedding = embedding, PriorityClasses = priorities };
        if (!chat.Configured || text.Length == 0) return guess;

        // A chat model's structured answer is a second opinion: agreement raises confidence, disagreement lowers it.
        var categories = await routing.CategoriesAsync(ct);
        var (messages, chatOptions) = TriagePrompt.Build(text, categories);
        var answer = await chat.CompleteAsync(messages, a => TriagePrompt.Parse(a, categories) is null ? "not a usable triage object" : null, ct, chatOptions);
        if (answer.Text is null || TriagePrompt.Parse(answer.Text, categories) is not { } model) return guess;
        return new TriageGuess(Combine(guess.Category, model.GetValueOrDefault("category")), Combine(guess.Type, model.GetValueOrDefault("type")),
            Combine(guess.Priority, model.GetValueOrDefault("priority")), Combine(guess.Sentiment, model.GetValueOrDefault("sentiment")),
            Combine(guess.Language, model.GetValueOrDefault("language")), $"{engine} + {answer.Model}") { PriorityReason = guess.PriorityReason, Embedding = embedding, PriorityClasses = guess.PriorityClasses };
    }

    /// <summary>
    /// Agreement: 1 − (1 − c)(1 − 0.7), as if the model were an independent 70%-reliable vote. Disagreement: the
    /// classifier's label stays (it was trained on this organisation's tickets) at half its confidence, so the ticket
    /// goes to a human. No classifier label: the model's, at 0.6.
    /// </summary>
    internal static FieldGuess Combine(FieldGuess classifier, string? model) => (classifier.Value, model) switch
    {
        (_, null) => classifier,
        (null, _) => new FieldGuess(model, 0.6),
        var (c, m) when string.Equals(c, m, StringComparison.OrdinalIgnoreCase) => new FieldGuess(c, Math.Round(1 - (1 - classifier.Confidence) * 0.3, 4)),
        _ => new FieldGuess(classifier.Value, Math.Round(classifier.Confidence / 2, 4)),
    };

    /// <summary>
    /// Each field by its own rule: below the threshold its fit check chose for the target precision; always, when the
    /// check found no confidence that reaches it (the field stays with agents) or there is no model (unknown); below
    /// Triage:ConfidenceThreshold when too few labelled tickets were held back to check. Language only when the
    /// detector is torn between languages it knows: a short English line with no function words is not a reason.
    /// </summary>
    private async Task<bool> NeedsHumanAsync(TriageGuess guess, string text, CancellationToken ct)
    {
        var current = await models.CurrentAsync(ct);
        bool Unsure(string field, FieldGuess g) => !current.TryGetValue(field, out var m) || g.Value is null || m.Predictor.Fit switch
        {
            { Verdict: FitVerdict.On, Threshold: { } t } => g.Confidence < t,
            { Verdict: FitVerdict.Manual } => true,
            _ => g.Confidence < options.Value.ConfidenceThreshold,
        };
        return Unsure("category", guess.Category) || Unsure("type", guess.Type) || Unsure("priority", guess.Priority)
               || (guess.Language.Confidence < options.Value.ConfidenceThreshold && LanguageDetector.IsTorn(text));
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
        // Everything the customer wrote, newest last: a follow-up can change what the ticket is about.
        var bodies = await db.TicketMessages.Where(m => m.TicketId == ticketId && m.Author == MessageAuthor.Customer)
            .OrderBy(m => m.Id).Select(m => m.Body).ToListAsync(ct);
        var body = string.Join("\n\n", bodies);
        var guess = await ClassifyAsync(ticket.Subject, body, ct);
        // The customer writing again and again (their other recent tickets, through the lower-case address index).
        var (since, address) = (ticket.CreatedAt - UrgencySignals.RepeatedContactWindow, ticket.CustomerEmail.ToLowerInvariant());
        var others = await db.Tickets.CountAsync(t => t.Id != ticket.Id && t.CustomerEmail.ToLower() == address && t.CreatedAt >= since && t.CreatedAt <= ticket.CreatedAt, ct);
        var repeated = UrgencySignals.AdjustForHistory(guess.Priority.Value, guess.Priority.Confidence, guess.PriorityReason, others, guess.PriorityClasses);
        guess = guess with { Priority = new FieldGuess(repeated.Label, repeated.Confidence), PriorityReason = repeated.Reason };
        var triage = ticket.Triage ?? new TicketTriage { Engine = guess.Engine };
        (triage.Category, triage.CategoryConfidence) = (guess.Category.Value, guess.Category.Confidence);
        (triage.Type, triage.TypeConfidence) = (guess.Type.Value, guess.Type.Confidence);
        (triage.Priority, triage.PriorityConfidence, triage.PriorityReason) = (guess.Priority.Value, guess.Priority.Confidence, guess.PriorityReason);
        (triage.Sentiment, triage.SentimentConfidence) = (guess.Sentiment.Value, guess.Sentiment.Confidence);
        (triage.Language, triage.LanguageConfidence) = (guess.Language.Value, guess.Language.Confidence);
        triage.Confidence = new[] { guess.Category, guess.Type, guess.Priority, guess.Language }.Min(f => f.Confidence);
        triage.NeedsHuman = await NeedsHumanAsync(guess, ticket.Subject + "\n" + body, ct);
        triage.Engine = guess.Engine;
        triage.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        ticket.Triage = triage;
        if (guess.Embedding is { } vector && models.EmbeddingModel is { } model)
            await TriageModels.KeepEmbeddingAsync(db, ticket.Id, model, TriageText.Prepare(ticket.Subject, body), vector, ct);
        // The ticket changed for everyone looking at it: its UpdatedAt moves the change mark other processes' pages poll,
        // and the in-process signal updates open pages at once (issue 20: rows kept "not triaged" until a reload).
        ticket.UpdatedAt = triage.UpdatedAt;
        await routing.ApplyAsync(db, ticket, ct);
        Events.TicketEvents.Add(db, ticket, Events.TicketEventType.Triaged, triage.UpdatedAt).Confidence = triage.Confidence;
        await db.SaveChangesAsync(ct);
        changes.Raise(ticket.Id);
        return triage;
    }
}
