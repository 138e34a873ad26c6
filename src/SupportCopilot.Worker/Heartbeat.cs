namespace SupportCopilot.Worker;

/// <summary>
/// The worker has no HTTP port, so liveness is a file it touches every few seconds; `healthcheck` (the container's
/// HEALTHCHECK and the Kubernetes exec probe) fails when the file is older than 60 s — a hung host stops touching it.
/// </summary>
public sealed class Heartbeat(IConfiguration config) : BackgroundService
{
    public static string PathFrom(IConfiguration config) => config["Worker:HeartbeatFile"] ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "supportcopilot-worker.alive");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = PathFrom(config);
        while (!stoppingToken.IsCancellationRequested)
        {
            await File.WriteAllTextAsync(path, DateTime.UtcNow.ToString("O"), stoppingToken);
            try { await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    public static int Check(IConfiguration config)
    {
        var path = PathFrom(config);
        return File.Exists(path) && DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < TimeSpan.FromSeconds(60) ? 0 : 1;
    }
}
