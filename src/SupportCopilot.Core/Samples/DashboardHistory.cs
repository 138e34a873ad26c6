using SupportCopilot.Core.Events;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Samples;

/// <summary>
/// Eight weeks of made-up but plausible history (Development only), so a newcomer's dashboard has trends to show:
/// resolved tickets with their events — drafts shown, approvals with edit sizes, rejections with reasons, reopenings.
/// Deterministic (fixed seed): the same start always seeds the same history.
/// </summary>
public static class DashboardHistory
{
    public const string ExternalIdPrefix = "history-";
    private static readonly (string Model, string Prompt, double Share)[] Models =
        [("qwen2.5:7b-instruct", "grounded-v1", 0.7), ("llama3.1:8b", "grounded-v1", 0.2), ("extractive", "extractive-v1", 0.1)];
    private static readonly string[] Reasons = ["WrongFacts", "MissingKnowledge", "Tone", "WrongLanguage", "Other"];

    public static IEnumerable<(Ticket Ticket, List<TicketEvent> Events)> Generate(IReadOnlyList<SampleTicket> samples, DateTime nowUtc, int days = 56, int seed = 42,
        IReadOnlyList<string>? agentIds = null)
    {
        var rng = new Random(seed);
        // Replies are the demo agents' (the dashboard's per-agent split); their own generator leaves every other figure as it was.
        var agentRng = new Random(seed + 1);
        string? Agent() => agentIds is { Count: > 0 } ? agentIds[agentRng.Next(agentIds.Count)] : null;
        var n = 0;
        for (var d = days; d >= 1; d--)
        {
            var day = nowUtc.Date.AddDays(-d);
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            // Later weeks accept more drafts: the knowledge base and prompts improved (what a pilot looks like).
            var maturity = 1 - (double)d / days;
            for (var i = 0; i < (weekend ? rng.Next(2, 5) : rng.Next(6, 13)); i++)
            {
                var s = samples[rng.Next(samples.Count)];
                var created = day.AddMinutes(rng.Next(7 * 60, 19 * 60));
                var ticket = new Ticket
                {
                    Subject = s.Subject, CustomerEmail = s.CustomerEmail, CustomerName = s.CustomerName, ExternalId = $"{ExternalIdPrefix}{++n}",
                    Channel = TicketChannel.Email, Status = TicketStatus.Resolved, CreatedAt = created, UpdatedAt = created, Queue = "general",
                    Triage = new TicketTriage
                    {
                        Category = s.Labels.Category, Type = s.Labels.Type, Priority = s.Labels.Priority, Language = s.Labels.Language, Confidence = 1,
                        CategoryConfidence = 1, TypeConfidence = 1, PriorityConfidence = 1, LanguageConfidence = 1, Engine = "label", UpdatedAt = created,
                    },
                };
                ticket.Messages.Add(new TicketMessage { Author = MessageAuthor.Customer, AuthorName = s.CustomerName ?? s.CustomerEmail, Body = s.Body, CreatedAt = created });
                var events = new List<TicketEvent>();
                TicketEvent Add(TicketEventType type, DateTime at) { var e = new TicketEvent { Ticket = ticket, Type = type, At = at, Category = s.Labels.Category, Queue = "general" }; events.Add(e); return e; }

                Add(TicketEventType.Created, created);
                var pick = rng.NextDouble();
                var (model, prompt, _) = pick < 0.7 ? Models[0] : pick < 0.9 ? Models[1] : Models[2];
                var confidence = Math.Round(rng.NextDouble() < 0.15 ? rng.NextDouble() * 0.3 : 0.4 + rng.NextDouble() * 0.6, 3);
                var generated = Add(TicketEventType.DraftGenerated, created.AddSeconds(rng.Next(5, 60)));
                (generated.Model, generated.PromptVersion, generated.Confidence) = (model, prompt, confidence);
                if (model == "llama3.1:8b") generated.Reason = "fallback";
                var opened = created.AddMinutes(rng.Next(5, 240));
                var shown = Add(TicketEventType.DraftShown, opened);
                (shown.Model, shown.PromptVersion, shown.Confidence) = (model, prompt, confidence);

                var roll = rng.NextDouble();
                var approveAi = confidence >= 0.35 && roll < 0.45 + 0.3 * maturity;
                DateTime replyAt;
                if (approveAi)
                {
                    replyAt = opened.AddMinutes(2 + rng.NextDouble() * 4);
                    var edit = rng.NextDouble();
                    var approved = Add(TicketEventType.Approved, replyAt);
                    (approved.Model, approved.PromptVersion, approved.Confidence, approved.UserId) = (model, prompt, confidence, Agent());
                    approved.EditRatio = Math.Round(edit < 0.4 ? 0 : edit < 0.75 ? 0.02 + rng.NextDouble() * 0.17 : 0.2 + rng.NextDouble() * 0.4, 4);
                }
                else
                {
                    if (confidence < 0.35 || roll < 0.8)
                    {
                        var rejected = Add(TicketEventType.Rejected, opened.AddMinutes(1 + rng.NextDouble() * 2));
                        (rejected.Model, rejected.PromptVersion, rejected.UserId) = (model, prompt, Agent());
                        rejected.Reason = confidence < 0.35 ? "MissingKnowledge" : Reasons[rng.Next(Reasons.Length)];
                    }
                    replyAt = opened.AddMinutes(6 + rng.NextDouble() * 12);
                    var manual = Add(TicketEventType.Approved, replyAt);
                    (manual.Model, manual.PromptVersion, manual.EditRatio, manual.UserId) = ("human", "none", 0, Agent());
                }
                Add(TicketEventType.Sent, replyAt.AddMinutes(1));
                ticket.FirstResponseAt = replyAt;
                ticket.Messages.Add(new TicketMessage { Author = MessageAuthor.Agent, AuthorName = "Demo Agent", Body = "(reply from the seeded history)", CreatedAt = replyAt });
                if (rng.NextDouble() < 0.1) Add(TicketEventType.Reopened, replyAt.AddDays(1 + rng.NextDouble() * 9));
                var resolvedAt = events.Max(e => e.At).AddHours(rng.Next(1, 48));
                if (resolvedAt < nowUtc)
                {
                    Add(TicketEventType.Resolved, resolvedAt);
                    (ticket.ResolvedAt, ticket.UpdatedAt) = (resolvedAt, resolvedAt);
                }
                else ticket.Status = TicketStatus.Replied;
                yield return (ticket, events);
            }
        }
    }
}
