using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Web.Tickets;

/// <summary>The public API shape of a ticket: outside tools depend on it, so it is separate from the entities.</summary>
public sealed record TicketDto(int Id, string Subject, string CustomerEmail, string? CustomerName, string? ExternalId, string Channel,
    string Status, DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<MessageDto> Messages, TriageDto? Triage, string? Queue, DateTime? SlaDueAt,
    IReadOnlyList<DraftDto> Drafts)
{
    public static TicketDto From(Ticket t, IReadOnlyList<Draft> drafts) => new(t.Id, t.Subject, t.CustomerEmail, t.CustomerName, t.ExternalId,
        t.Channel.ToString(), t.Status.ToString(), t.CreatedAt, t.UpdatedAt,
        t.Messages.Select(m => new MessageDto(m.Id, m.Author.ToString(), m.AuthorName, m.Body, m.CreatedAt)).ToList(),
        t.Triage is { } tr ? new TriageDto(tr.Category, tr.CategoryConfidence, tr.Type, tr.TypeConfidence, tr.Priority, tr.PriorityConfidence,
            tr.Sentiment, tr.SentimentConfidence, tr.Language, tr.LanguageConfidence, tr.Confidence, tr.NeedsHuman, tr.Engine) : null,
        t.Queue, t.SlaDueAt,
        drafts.Select(d => new DraftDto(d.Id, d.Version, d.AnswersMessageId, d.Kind.ToString(), d.Status.ToString(), d.Text, d.Confidence, d.Model, d.PromptVersion,
            d.CreatedAt, d.Citations.Select(c => new CitationDto(c.Number, c.ChunkId, c.DocumentId, c.FileName, c.HeadingPath, c.Page, c.Score)).ToList(),
            d.FallbackList().Select(f => new FallbackDto(f.Model, f.Reason)).ToList(), d.LatencyMs, d.InputTokens, d.OutputTokens, d.FlagList(), d.Evidence)).ToList());
}

public sealed record MessageDto(int Id, string Author, string AuthorName, string Body, DateTime CreatedAt);

public sealed record TriageDto(string? Category, double CategoryConfidence, string? Type, double TypeConfidence, string? Priority, double PriorityConfidence,
    string? Sentiment, double SentimentConfidence, string? Language, double LanguageConfidence, double Confidence, bool NeedsHuman, string Engine);

/// <param name="AnswersMessageId">The customer message this draft answers (each customer turn gets its own draft).</param>
public sealed record DraftDto(int Id, int Version, int? AnswersMessageId, string Kind, string Status, string Text, double Confidence, string Model,
    string PromptVersion, DateTime CreatedAt, IReadOnlyList<CitationDto> Citations, IReadOnlyList<FallbackDto> Fallbacks, int LatencyMs,
    long? InputTokens, long? OutputTokens, IReadOnlyList<string> Flags, double? Evidence);

public sealed record FallbackDto(string Model, string Reason);

public sealed record CitationDto(int Number, int ChunkId, int DocumentId, string FileName, string HeadingPath, int? Page, double Score);

/// <param name="Attachments">Files stored with the ticket (multipart requests).</param>
public sealed record TicketCreatedDto(int Id, string Status, string Url, int Attachments = 0);

/// <summary>`POST /api/tickets/{id}/messages`: a customer's follow-up (messageId: the e-mail's Message-Id, if any).</summary>
public sealed record NewMessage(string? Body, string? MessageId);

public sealed record MessageCreatedDto(int MessageId, int TicketId, int Attachments = 0);
