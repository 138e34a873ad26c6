namespace SupportCopilot.Web.Platform;

/// <summary>
/// `healthcheck`: GETs /health/live on this container's own port and exits 0 or 1. Used by the Dockerfile's HEALTHCHECK,
/// because the ASP.NET runtime image has no curl or wget.
/// </summary>
public static class HealthProbe
{
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "healthcheck") return null;
        var port = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split(';')[0] ?? "8080";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync($"http://127.0.0.1:{port}/health/live");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
