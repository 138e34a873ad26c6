using System.ClientModel;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OllamaSharp;
using OpenAI;

namespace SupportCopilot.Core.Models;

/// <summary>Why a model was skipped: recorded on the draft so agents and admins see what happened.</summary>
public sealed record Fallback(string Model, string Reason);

/// <summary>A streamed answer so far: the model writing it, its text up to now and the models skipped before it.
/// A new model starting after a failure starts again from empty text.</summary>
public sealed record ModelProgress(string Model, string Text, IReadOnlyList<Fallback> Fallbacks);

/// <summary>What the Settings page shows for one link of the chain.</summary>
/// <param name="Probe">The last health probe (null before the first), see <see cref="ModelHealthProbe"/>.</param>
public sealed record LinkStatus(string Provider, string Endpoint, string Model, int TimeoutSeconds, bool CircuitOpen, int? LastLatencyMs, string? LastError, DateTime? LastUsedAt,
    ProbeResult? Probe = null, DateTime? ProbedAt = null);

/// <summary>A reply from one model of the chain, with the models skipped before it.</summary>
public sealed record ChainResult(string? Model, string? Text, IReadOnlyList<Fallback> Fallbacks, int LatencyMs, long? InputTokens, long? OutputTokens);

/// <summary>
/// The ordered chat model chain. Each model gets its own timeout; three failures in a row open its circuit for
/// 30 seconds (it is skipped without a call); the caller validates each answer and may reject it, which counts as a
/// fallback too. When every model is down or rejected, the result has no text and the extractive drafter takes over.
/// </summary>
public sealed class ModelChain(IReadOnlyList<(ChatModelOptions Options, IChatClient Client)> links, TimeProvider clock)
{
    /// <summary>Source of the gen_ai spans and metrics of every model call, and of the fallback counter.</summary>
    public const string TelemetryName = "SupportCopilot.Models";
    private static readonly System.Diagnostics.Metrics.Meter Meter = new(TelemetryName);
    private static readonly System.Diagnostics.Metrics.Counter<long> FallbackCounter =
        Meter.CreateCounter<long>("supportcopilot.model.fallbacks", description: "Models skipped while drafting, by model and reason");

    private readonly CircuitBreaker _circuits = new(clock);
    private readonly Dictionary<string, (int? LatencyMs, string? Error, DateTime At)> _last = [];
    private readonly Dictionary<string, (ProbeResult Result, DateTime At)> _probes = [];
    private readonly HashSet<string> _downByProbe = [];
    private readonly Lock _gate = new();

    public bool Configured => links.Count > 0;
    public IReadOnlyList<ChatModelOptions> Links => links.Select(l => l.Options).ToList();

    /// <summary>
    /// A probe that cannot reach a server opens its circuit until the next probe (drafting skips it at once instead
    /// of waiting out a timeout); a later probe that reaches it closes that circuit again. Circuits opened by failed
    /// drafts are left to expire: a server can list its models and still fail to generate.
    /// </summary>
    public void ApplyProbe(int index, ProbeResult result, TimeSpan interval)
    {
        var model = links[index].Options.Model!;
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            _probes[model] = (result, now);
            if (!result.Reachable)
            {
                _circuits.OpenUntil(model, now + interval + TimeSpan.FromSeconds(5));
                _downByProbe.Add(model);
            }
            else if (_downByProbe.Remove(model))
            {
                _circuits.Close(model);
            }
        }
    }
    public IReadOnlyList<string> Models => links.Select(l => l.Options.Model!).ToList();

    /// <param name="accept">Checks an answer; returns null to accept it or the reason to reject it.</param>
    /// <param name="progress">When given, models stream and this sees the text grow token by token (the ticket page
    /// shows it live); without it each model answers in one response. Called on the caller's context.</param>
    public Task<ChainResult> CompleteAsync(IList<ChatMessage> messages, Func<string, string?> accept, CancellationToken ct,
        ChatOptions? chatOptions = null, Action<ModelProgress>? progress = null) =>
        CompleteAsync(_ => messages, (_, text) => accept(text), ct, chatOptions, progress);

    /// <summary>As above, with the request and its check built per link: a link may read its own prompt version.</summary>
    public async Task<ChainResult> CompleteAsync(Func<ChatModelOptions, IList<ChatMessage>> messagesFor, Func<ChatModelOptions, string, string?> accept,
        CancellationToken ct, ChatOptions? chatOptions = null, Action<ModelProgress>? progress = null)
    {
        var fallbacks = new List<Fallback>();
        foreach (var (options, client) in links)
        {
            var model = options.Model!;
            var messages = messagesFor(options);
            if (_circuits.IsOpen(model)) { Fallen(fallbacks, model, "circuit open after repeated failures"); continue; }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
            var started = Stopwatch.GetTimestamp();
            try
            {
                var request = chatOptions ?? new ChatOptions { Temperature = 0.2f };
                var response = progress is null
                    ? await client.GetResponseAsync(messages, request, timeout.Token)
                    : await StreamAsync(client, messages, request, new ModelProgress(model, "", fallbacks.ToList()), progress, timeout.Token);
                var text = response.Text?.Trim() ?? "";
                Observe(model, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
                if (accept(options, text) is { } rejection)
                {
                    Record(model, success: true); // the model answered; the answer was wrong
                    Fallen(fallbacks, model, rejection);
                    continue;
                }
                Record(model, success: true);
                return new ChainResult(model, text, fallbacks, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                Record(model, success: false);
                Fallen(fallbacks, model, $"timed out after {options.TimeoutSeconds} s");
                Observe(model, null, fallbacks[^1].Reason);
            }
            catch (Exception ex) when (ex is HttpRequestException or ClientResultException or InvalidOperationException or System.Text.Json.JsonException or IOException)
            {
                Record(model, success: false);
                Fallen(fallbacks, model, Describe(ex));
                Observe(model, null, fallbacks[^1].Reason);
            }
        }
        return new ChainResult(null, null, fallbacks, 0, null, null);
    }

    /// <summary>Streams one model's answer, reporting the text so far after every token; the whole stream shares the model's timeout.</summary>
    private static async Task<ChatResponse> StreamAsync(IChatClient client, IList<ChatMessage> messages, ChatOptions request,
        ModelProgress start, Action<ModelProgress> progress, CancellationToken ct)
    {
        progress(start);
        var updates = new List<ChatResponseUpdate>();
        var text = new System.Text.StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(messages, request, ct))
        {
            updates.Add(update);
            if (update.Text is not { Length: > 0 } token) continue;
            text.Append(token);
            progress(start with { Text = text.ToString() });
        }
        // OllamaSharp ends the stream quietly when cancelled, so a timeout or the agent's cancel would pass for a short answer.
        ct.ThrowIfCancellationRequested();
        // A stream cut without a finish reason (Ollama's "done", OpenAI's finish_reason) is a failure, not a short answer.
        if (updates.All(u => u.FinishReason is null)) throw new IOException("the stream ended before the model finished");
        return updates.ToChatResponse();
    }

    private static void Fallen(List<Fallback> fallbacks, string model, string reason)
    {
        fallbacks.Add(new(model, reason));
        // The reason's first words make a low-cardinality tag ("HTTP 500", "timed out", "cites a passage"...).
        FallbackCounter.Add(1, new("model", model), new("reason", string.Join(' ', reason.Split(' ').Take(3))));
    }

    public IReadOnlyList<LinkStatus> Status()
    {
        lock (_gate)
        {
            return links.Select(l => l.Options).Select(o =>
            {
                var seen = _last.TryGetValue(o.Model!, out var last);
                var probed = _probes.TryGetValue(o.Model!, out var probe);
                return new LinkStatus(o.Provider, o.Endpoint!.ToString(), o.Model!, o.TimeoutSeconds,
                    _circuits.IsOpen(o.Model!),
                    seen ? last.LatencyMs : null, seen ? last.Error : null, seen ? last.At : null,
                    probed ? probe.Result : null, probed ? probe.At : null);
            }).ToList();
        }
    }

    /// <summary>Asks one link for a one-word reply with its own timeout, ignoring its circuit: the Settings page's test.</summary>
    public async Task<(bool Ok, int LatencyMs, string Message)> TestAsync(int index, CancellationToken ct)
    {
        var (options, client) = links[index];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Reply with the single word OK.")], cancellationToken: timeout.Token);
            var ms = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Observe(options.Model!, ms, null);
            return (true, ms, $"answered in {ms} ms: \"{Trim(response.Text)}\"");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Observe(options.Model!, null, $"timed out after {options.TimeoutSeconds} s");
            return (false, options.TimeoutSeconds * 1000, $"timed out after {options.TimeoutSeconds} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or ClientResultException or InvalidOperationException or System.Text.Json.JsonException or IOException)
        {
            Observe(options.Model!, null, Describe(ex));
            return (false, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, Describe(ex));
        }
    }

    private void Observe(string model, int? latencyMs, string? error)
    {
        lock (_gate) _last[model] = (latencyMs, error, clock.GetUtcNow().UtcDateTime);
    }

    private static string Trim(string? s) => s is null ? "" : s.Length > 60 ? s[..60] + "…" : s.Trim();

    private void Record(string model, bool success)
    {
        lock (_gate)
        {
            if (success) _downByProbe.Remove(model);
            _circuits.Record(model, success);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        HttpRequestException h => "unreachable: " + h.Message,
        ClientResultException c => $"HTTP {c.Status}",
        System.Text.Json.JsonException => "malformed response",
        _ => ex.GetType().Name + ": " + ex.Message,
    };

    /// <summary>Reads `Models:Chat:0..N` and builds a client per link (Ollama through OllamaSharp, OpenAI-compatible through M.E.AI.OpenAI).</summary>
    public static IServiceCollection AddModelChain(IServiceCollection services, IConfiguration config)
    {
        var links = new List<ChatModelOptions>();
        foreach (var child in config.GetSection("Models:Chat").GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue))
        {
            var o = child.Get<ChatModelOptions>() ?? new ChatModelOptions();
            var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
            if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(o, new(o), errors, validateAllProperties: true))
                throw new OptionsValidationError($"Models:Chat:{child.Key}: {string.Join(" ", errors.Select(e => e.ErrorMessage))}");
            links.Add(o);
        }
        // Read now, not on first use: a missing or malformed prompt version stops the app at start.
        services.AddSingleton(Drafting.Prompts.PromptLibrary.FromConfiguration(config, links));
        return services.AddSingleton(sp =>
        {
            // Prompts and ticket text go into telemetry only in Development; elsewhere spans carry model, tokens and timings.
            var sensitive = sp.GetService<Microsoft.Extensions.Hosting.IHostEnvironment>()?.EnvironmentName == "Development";
            return new ModelChain(links.Select(o => (o, (IChatClient)new ChatClientBuilder(Client(o))
                .UseOpenTelemetry(sourceName: TelemetryName, configure: t => t.EnableSensitiveData = sensitive).Build())).ToList(),
                sp.GetRequiredService<TimeProvider>());
        });
    }

    private static IChatClient Client(ChatModelOptions o) => o.Provider == "OpenAI"
        ? new OpenAI.Chat.ChatClient(o.Model, new ApiKeyCredential(o.ApiKey ?? "unused"),
            new OpenAIClientOptions { Endpoint = o.Endpoint, NetworkTimeout = TimeSpan.FromSeconds(o.TimeoutSeconds) }).AsIChatClient()
        : new OllamaApiClient(new HttpClient { BaseAddress = o.Endpoint, Timeout = Timeout.InfiniteTimeSpan }, o.Model!);
}

/// <summary>A bad `Models:Chat` entry stops the app at start with the setting named.</summary>
public sealed class OptionsValidationError(string message) : Exception(message);
