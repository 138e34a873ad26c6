using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportCopilot.Core.Mail;

/// <summary>Polls the intake mailbox. One poller per deployment is enough; a second one is harmless (Message-Id dedupe).</summary>
public sealed partial class ImapIntakeWorker(ImapIntake intake, IOptions<ImapOptions> options, ILogger<ImapIntakeWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var results = await intake.PollOnceAsync(stoppingToken);
                if (results.Count > 0) LogPolled(log, results.Count, results.Count(r => r.Outcome == IntakeOutcome.NewTicket), results.Count(r => r.Outcome == IntakeOutcome.Reply));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(log, options.Value.Host, ex);
            }
            try { await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(LogLevel.Information, "IMAP intake: {Count} mail(s) read, {New} new ticket(s), {Replies} repl(ies)")]
    private static partial void LogPolled(ILogger logger, int count, int @new, int replies);

    [LoggerMessage(LogLevel.Warning, "IMAP intake from {Host} failed; retrying on the next poll")]
    private static partial void LogFailed(ILogger logger, string host, Exception ex);
}
