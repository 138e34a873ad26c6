using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SupportCopilot.Core.Approval;

/// <summary>Polls the outbox. Runs in the web app by default and in SupportCopilot.Worker when scaled out.</summary>
public sealed partial class OutboxDispatcher(IServiceProvider services, ILogger<OutboxDispatcher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sender = services.GetRequiredService<OutboxSender>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await sender.ProcessDueAsync(stoppingToken);
                if (sent > 0) LogSent(log, sent);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(log, ex);
            }
            try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(LogLevel.Information, "Outbox: {Count} message(s) delivered")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(LogLevel.Error, "Outbox pass failed; retrying on the next pass")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
