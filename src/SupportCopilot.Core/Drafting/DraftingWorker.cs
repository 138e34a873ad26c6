using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Drafting;

/// <summary>
/// Drafts every open, triaged ticket whose latest customer message has no draft yet — a new ticket or a customer's
/// follow-up (triage first, so a draft can use what triage found).
/// The database is the queue, so a restart loses nothing and intake never waits on drafting; the ticket page still
/// drafts on demand if an agent opens a ticket before its turn.
/// </summary>
public sealed partial class DraftingWorker(IServiceProvider services, ILogger<DraftingWorker> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var drafted = 0;
            try
            {
                drafted = await DraftPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(log, ex);
            }
            // Straight on after a full batch: a pause after every batch of 20 halved the rate under a backlog.
            if (drafted == BatchSize) continue;
            try { await Task.Delay(Interval, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    public async Task<int> DraftPendingAsync(CancellationToken ct)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var drafting = services.GetRequiredService<DraftingService>();
        List<int> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // Open, triaged, and the latest customer message has no draft answering it (a first message, or a follow-up).
            pending = await db.Tickets.Where(t => t.Status == TicketStatus.Open && t.Triage != null)
                .Select(t => new { t.Id, Latest = db.TicketMessages.Where(m => m.TicketId == t.Id && m.Author == MessageAuthor.Customer).Max(m => (int?)m.Id) })
                .Where(t => t.Latest != null && !db.Drafts.Any(d => d.TicketId == t.Id && d.AnswersMessageId == t.Latest))
                .OrderBy(t => t.Id).Select(t => t.Id).Take(BatchSize).ToListAsync(ct);
        }
        foreach (var id in pending) await drafting.EnsureDraftAsync(id, ct);
        return pending.Count;
    }

    [LoggerMessage(LogLevel.Error, "Drafting pass failed; retrying on the next pass")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
