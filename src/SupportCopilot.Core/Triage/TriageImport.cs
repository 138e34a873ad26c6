using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Triage;

public sealed record ImportIssue(int Row, string Message);

public sealed record ImportReport(int Imported, IReadOnlyList<ImportIssue> Rejected, IReadOnlyList<ImportIssue> UnknownLabels, int Answers = 0)
{
    /// <summary>
    /// The problems as an admin reads them: rows with the same problem on one line ("Rows 2, 3, 5 and 597 more: type
    /// 'Incident' is not known; left empty.") — an export with one unknown type names it once, not 600 times — at most
    /// <paramref name="max"/> lines, the last saying how many more problems there are.
    /// </summary>
    public IReadOnlyList<string> ProblemLines(int max = 20)
    {
        var groups = Rejected.Concat(UnknownLabels).GroupBy(i => i.Message).ToList();
        var lines = groups.Take(max).Select(g => g.Where(i => i.Row > 0).Select(i => i.Row).ToList() switch
        {
            [] => g.Key,
            [var row] => $"Row {row}: {g.Key}",
            var rows when rows.Count <= 3 => $"Rows {string.Join(", ", rows)}: {g.Key}",
            var rows => $"Rows {string.Join(", ", rows.Take(3))} and {rows.Count - 3} more: {g.Key}",
        }).ToList();
        if (groups.Count > max)
        {
            var rest = groups.Skip(max).Sum(g => g.Count());
            lines.Add($"… and {rest} more problem{(rest == 1 ? "" : "s")}.");
        }
        return lines;
    }
}

/// <summary>
/// Imports labelled past tickets (training data) from CSV (header: subject, body, customerEmail, category, type,
/// priority, language) or JSON (an array or one object per line; labels top-level or under "labels"). A label outside
/// the taxonomy or the fixed lists is reported and left empty — never silently mapped to something else.
/// A row with an "answer" (the reply the ticket got) also becomes reply memory, redacted like an approved reply.
/// </summary>
public sealed class TriageImport(IDbContextFactory<AppDbContext> dbFactory, Memory.ReplyMemories memory, TriageModels models, TimeProvider clock)
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const int MaxRows = 50_000;

    public async Task<ImportReport> ImportAsync(string fileName, byte[] bytes, CancellationToken ct = default)
    {
        if (bytes.Length > MaxBytes) return Failed($"The file is larger than {MaxBytes / (1024 * 1024)} MB.");
        List<Dictionary<string, string?>> rows;
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
            rows = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Csv(text) : Json(text);
        }
        catch (Exception ex) when (ex is DecoderFallbackException or JsonException or FormatException)
        {
            return Failed($"The file could not be read: {ex.Message}");
        }
        if (rows.Count > MaxRows) return Failed($"The file has more than {MaxRows} rows.");
        // An empty file (or a CSV with only its header) is not a successful import of nothing.
        if (rows.Count == 0) return Failed("The file has no tickets: it is empty, or a CSV with only its header line.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taxonomy = (await db.TriageCategories.Select(c => c.Name).ToListAsync(ct)).ToHashSet();
        var rejected = new List<ImportIssue>();
        var unknown = new List<ImportIssue>();
        var now = clock.GetUtcNow().UtcDateTime;
        var (imported, answers) = (0, 0);
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, r) = (i + 1, rows[i]);
            var body = r.GetValueOrDefault("body");
            var answer = r.GetValueOrDefault("answer")?.Trim();
            if (string.IsNullOrWhiteSpace(body))
            {
                rejected.Add(new(row, string.IsNullOrEmpty(answer) ? "The body is empty." : "The body is empty: an answer needs the customer message it answered."));
                continue;
            }
            if (answer is { Length: > Approval.ApprovalService.MaxReplyLength })
            {
                rejected.Add(new(row, $"The answer is longer than {Approval.ApprovalService.MaxReplyLength} characters."));
                continue;
            }
            string? Label(string field, IReadOnlyCollection<string>? allowed)
            {
                var value = r.GetValueOrDefault(field)?.Trim();
                if (string.IsNullOrEmpty(value)) return null;
                if (allowed is null || allowed.Count == 0 || allowed.Contains(value)) return value;
                unknown.Add(new(row, $"{field} '{value}' is not known; left empty."));
                return null;
            }
            var email = r.GetValueOrDefault("customerEmail")?.Trim();
            var subject = r.GetValueOrDefault("subject")?.Trim() is { Length: > 0 } sub ? sub : "(no subject)";
            var ticket = new Ticket
            {
                Subject = subject.Length > 500 ? subject[..500] : subject,
                CustomerEmail = string.IsNullOrEmpty(email) || email.Length > 320 ? "unknown@import.invalid" : email,
                Channel = TicketChannel.Import, Status = TicketStatus.Resolved, CreatedAt = now, UpdatedAt = now,
                ExternalId = Truncate(r.GetValueOrDefault("id"), 200),
                Triage = new TicketTriage
                {
                    Category = Label("category", taxonomy), Type = Label("type", [.. TriageOptions.Types]),
                    Priority = Label("priority", [.. TriageOptions.Priorities]), Language = Label("language", null),
                    Engine = "label", Confidence = 1, CategoryConfidence = 1, TypeConfidence = 1, PriorityConfidence = 1, LanguageConfidence = 1, UpdatedAt = now,
                },
            };
            body = body.Length > NewTicket.MaxBody ? body[..NewTicket.MaxBody] : body;
            ticket.Messages.Add(new TicketMessage { Author = MessageAuthor.Customer, AuthorName = ticket.CustomerEmail, Body = body, CreatedAt = now });
            db.Tickets.Add(ticket);
            if (!string.IsNullOrEmpty(answer))
            {
                ticket.Messages.Add(new TicketMessage { Author = MessageAuthor.Agent, AuthorName = "Imported", Body = answer, CreatedAt = now });
                var entry = memory.Create(ticket, body, answer, Memory.MemorySource.Imported, now);
                // Multilingual exports label the team as "queue"; it is kept as given (the taxonomy check is for categories).
                entry.Queue ??= Truncate(r.GetValueOrDefault("queue")?.Trim(), 100);
                db.ReplyMemories.Add(entry);
                answers++;
            }
            imported++;
        }
        await db.SaveChangesAsync(ct);
        if (imported > 0) models.LabelsArrived();
        return new ImportReport(imported, rejected, unknown, answers);
    }

    private static ImportReport Failed(string message) => new(0, [new ImportIssue(0, message)], []);

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];

    private static List<Dictionary<string, string?>> Json(string text)
    {
        var trimmed = text.TrimStart();
        var nodes = trimmed.StartsWith('[')
            ? JsonNode.Parse(trimmed)!.AsArray().ToList()
            : trimmed.Split('\n').Where(l => l.Trim().Length > 0).Select(l => JsonNode.Parse(l)).ToList();
        return nodes.Select(n =>
        {
            var o = n as JsonObject ?? throw new FormatException("Every entry must be a JSON object.");
            var row = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (k, v) in o) if (v is JsonValue) row[k] = v.ToString();
            if (o["labels"] is JsonObject labels) foreach (var (k, v) in labels) if (v is JsonValue) row[k] = v.ToString();
            return row;
        }).ToList();
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    internal static List<Dictionary<string, string?>> Csv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString()); field.Clear();
                if (record.Any(f => f.Length > 0)) records.Add(record);
                record = [];
            }
            else field.Append(c);
        }
        if (quoted) throw new FormatException("A quoted field is not closed.");
        record.Add(field.ToString());
        if (record.Any(f => f.Length > 0)) records.Add(record);
        if (records.Count == 0) return [];
        var header = records[0].Select(h => h.Trim()).ToList();
        return records.Skip(1).Select(r => header.Select((h, i) => (h, v: i < r.Count ? r[i] : null))
            .ToDictionary(x => x.h, x => x.v, StringComparer.OrdinalIgnoreCase)).ToList();
    }
}
