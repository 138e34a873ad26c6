using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SupportCopilot.Core.Models;

/// <summary>The outcome of one probe. Reachable but not serving the model is a warning: names differ between
/// servers (Ollama tags, vLLM's served-model-name), so only an unreachable or failing server takes a model out.</summary>
public sealed record ProbeResult(bool Reachable, bool ModelListed, int LatencyMs, string Message);

/// <summary>
/// Asks each model server of the chain, every `Models:HealthProbeSeconds` (default 30, 0 = off), what it serves —
/// Ollama `GET /api/tags`, OpenAI-compatible `GET {endpoint}/models` — without generating anything. A server that
/// is down is skipped by drafting until a probe finds it back, so an agent never waits out its timeout; a server
/// that came back is used again without waiting for its circuit to expire.
/// </summary>
public sealed partial class ModelHealthProbe(ModelChain chain, HttpClient http, TimeSpan interval, ILogger<ModelHealthProbe> log) : BackgroundService
{
    public const string IntervalSetting = "Models:HealthProbeSeconds";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!chain.Configured || interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval);
        do
        {
            for (var i = 0; i < chain.Links.Count; i++)
            {
                var result = await ProbeAsync(http, chain.Links[i], stoppingToken);
                chain.ApplyProbe(i, result, interval);
                if (!result.Reachable) LogDown(log, chain.Links[i].Model!, result.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>One probe with the model's own timeout capped at 10 s: a listing is cheap, a slow one means trouble.</summary>
    public static async Task<ProbeResult> ProbeAsync(HttpClient http, ChatModelOptions options, CancellationToken ct)
    {
        var openAi = options.Provider == "OpenAI";
        var baseUri = options.Endpoint!.ToString().EndsWith('/') ? options.Endpoint : new Uri(options.Endpoint + "/");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, openAi ? "models" : "api/tags"));
        if (openAi && options.ApiKey is { Length: > 0 } key) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Min(options.TimeoutSeconds, 10)));
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var ms = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if ((int)response.StatusCode >= 500) return new(false, false, ms, $"HTTP {(int)response.StatusCode}");
            if (!response.IsSuccessStatusCode)
                return new(true, false, ms, $"HTTP {(int)response.StatusCode}{(response.StatusCode == System.Net.HttpStatusCode.Unauthorized ? " (check the API key)" : "")}");
            var served = ServedModels(await response.Content.ReadAsStringAsync(timeout.Token), openAi);
            return served.Any(m => SameModel(m, options.Model!))
                ? new(true, true, ms, $"serves {options.Model} ({ms} ms)")
                : new(true, false, ms, $"reachable, but {options.Model} is not among its models{(openAi ? "" : " (ollama pull it)")}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(false, false, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, "probe timed out");
        }
        catch (HttpRequestException ex)
        {
            return new(false, false, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, "unreachable: " + ex.Message);
        }
    }

    /// <summary>Ollama: {"models":[{"name","model",...}]}; OpenAI: {"data":[{"id",...}]}. Anything else lists nothing.</summary>
    private static IEnumerable<string> ServedModels(string json, bool openAi)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var (list, key) = openAi ? ("data", "id") : ("models", "name");
            if (!doc.RootElement.TryGetProperty(list, out var items) || items.ValueKind != JsonValueKind.Array) return [];
            return items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String)
                .Select(i => i.GetProperty(key).GetString()!).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Ollama treats "qwen2.5" and "qwen2.5:latest" as one model.</summary>
    private static bool SameModel(string served, string configured) =>
        string.Equals(served, configured, StringComparison.OrdinalIgnoreCase)
        || string.Equals(served, configured + ":latest", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(LogLevel.Warning, "Model {Model} is down ({Reason}); drafting skips it until a probe finds it back")]
    private static partial void LogDown(ILogger logger, string model, string reason);
}
