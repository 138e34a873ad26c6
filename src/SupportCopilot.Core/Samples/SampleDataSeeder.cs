using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Samples;

/// <summary>Seeds knowledge-samples/ so a newcomer's console is never empty. Runs in Development only.</summary>
public sealed partial class SampleDataSeeder(IDbContextFactory<AppDbContext> dbFactory, KnowledgeUploads uploads, IngestionWorker ingestion, TriageModels triageModels,
    TriageRouting routing,
    TimeProvider clock, ILogger<SampleDataSeeder> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] KnowledgeExtensions = [".md", ".html", ".htm", ".pdf", ".docx", ".txt"];

    /// <summary>The samples folder: configured, else the nearest knowledge-samples/ above the content root, else the copy in bin.</summary>
    public static string? Locate(string contentRoot, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(Path.Combine(contentRoot, configured));
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "knowledge-samples");
            if (Directory.Exists(candidate)) return candidate;
        }
        var inBin = Path.Combine(AppContext.BaseDirectory, "knowledge-samples");
        return Directory.Exists(inBin) ? inBin : null;
    }

    public async Task SeedAsync(string folder, CancellationToken ct = default)
    {
        var docsFolder = Path.Combine(folder, "docs");
        if (Directory.Exists(docsFolder))
        {
            foreach (var file in Directory.EnumerateFiles(docsFolder).Order()
                         .Where(f => KnowledgeExtensions.Contains(Path.GetExtension(f).ToLowerInvariant())))
            {
                // Idempotent by content hash: a second start adds nothing.
                await uploads.UploadAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file, ct), "sample", ct);
            }
            // Processed here rather than by the background worker, so the first page a newcomer sees has its drafts.
            await ingestion.DrainAsync(ct);
        }
        var ticketsFile = Path.Combine(folder, "tickets.json");
        if (File.Exists(ticketsFile)) await SeedTicketsAsync(ticketsFile, ct);
        // The labelled sample tickets train the first triage models, so new tickets are triaged from the start.
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.TriageModels.AnyAsync(ct)) await triageModels.TrainAsync(ct);
    }

    private async Task SeedTicketsAsync(string path, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Tickets.AnyAsync(ct)) return;
        await using var stream = File.OpenRead(path);
        var samples = await JsonSerializer.DeserializeAsync<List<SampleTicket>>(stream, Json, ct) ?? [];
        await routing.AddCategoriesAsync(samples.Select(s => s.Labels.Category), ct); // the default taxonomy comes from the samples
        var now = clock.GetUtcNow().UtcDateTime;
        // Spread over the last days so the queue and dashboard look like a working week, newest first.
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            var created = now.AddMinutes(-37 * (samples.Count - i));
            var ticket = new Ticket
            {
                Subject = s.Subject, CustomerEmail = s.CustomerEmail, CustomerName = s.CustomerName, ExternalId = s.Id,
                Channel = TicketChannel.Import, Status = TicketStatus.Open, CreatedAt = created, UpdatedAt = created,
                Triage = new TicketTriage
                {
                    Category = s.Labels.Category, Type = s.Labels.Type, Priority = s.Labels.Priority, Language = s.Labels.Language,
                    Confidence = 1, CategoryConfidence = 1, TypeConfidence = 1, PriorityConfidence = 1, LanguageConfidence = 1,
                    Engine = "label", UpdatedAt = created,
                },
            };
            ticket.Messages.Add(new TicketMessage { Author = MessageAuthor.Customer, AuthorName = s.CustomerName ?? s.CustomerEmail, Body = s.Body, CreatedAt = created });
            db.Tickets.Add(ticket);
            Events.TicketEvents.Add(db, ticket, Events.TicketEventType.Created, created);
        }
        // Weeks of resolved history behind the open samples, so the dashboard has trends on the first start.
        var agents = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == Security.Roles.Agent
                            select u.Id).ToListAsync(ct);
        foreach (var (ticket, events) in DashboardHistory.Generate(samples, now, agentIds: agents))
        {
            db.Tickets.Add(ticket);
            db.TicketEvents.AddRange(events);
        }
        await db.SaveChangesAsync(ct);
        LogSeeded(log, samples.Count);
    }

    [LoggerMessage(LogLevel.Information, "Seeded {Count} sample tickets")]
    private static partial void LogSeeded(ILogger logger, int count);
}
