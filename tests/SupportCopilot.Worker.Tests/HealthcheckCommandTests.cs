using System.Diagnostics;

namespace SupportCopilot.Worker.Tests;

/// <summary>The worker's container/Kubernetes liveness command: fresh heartbeat → 0, stale or missing → 1.</summary>
public class HealthcheckCommandTests
{
    [Theory]
    [InlineData(5, 0)]
    [InlineData(300, 1)]
    [InlineData(null, 1)]
    public async Task Healthcheck_ReflectsTheHeartbeatAge(int? ageSeconds, int expectedExit)
    {
        var file = Path.Combine(Path.GetTempPath(), $"sc-alive-{Guid.NewGuid():N}");
        if (ageSeconds is { } age)
        {
            await File.WriteAllTextAsync(file, "x");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(-age));
        }
        var dll = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "worker-path.txt")).Trim();
        var psi = new ProcessStartInfo("dotnet", [dll, "healthcheck"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["Worker__HeartbeatFile"] = file;
        using var p = Process.Start(psi)!;
        await p.WaitForExitAsync();
        File.Delete(file);
        Assert.Equal(expectedExit, p.ExitCode);
    }
}
