using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SupportCopilot.Core.Tests;

/// <summary>
/// An Ollama server on loopback that speaks the real REST protocol for embeddings
/// (POST /api/embed {"model","input":[...]} → {"model","embeddings":[[...]],"prompt_eval_count"}), and checks
/// every request against it. Vectors are a deterministic bag-of-words hash, so tests can reason about them.
/// </summary>
public sealed class FakeOllama : IAsyncDisposable
{
    public const int Dimensions = 8;
    private readonly WebApplication _app;
    public ConcurrentQueue<string[]> EmbedBatches { get; } = new();
    public ConcurrentQueue<string> ProtocolErrors { get; } = new();
    /// <summary>The vector /api/embed returns for a text (default: <see cref="Embed"/>, words hashed into 8 dimensions).</summary>
    public Func<string, float[]> Embedder { get; set; } = Embed;
    /// <summary>When set, /api/embed answers 500 like a model that failed to load.</summary>
    public bool Down { get; set; }
    /// <summary>The assistant's reply to a /api/chat request (given the request body).</summary>
    public Func<JsonNode, string> ChatReply { get; set; } = _ => "Hello. Hold the Filter button for five seconds [1].";
    /// <summary>/api/chat answers with this HTTP status instead (500: model crashed).</summary>
    public int? ChatStatus { get; set; }
    /// <summary>/api/chat waits this long before answering (a slow model).</summary>
    public TimeSpan ChatDelay { get; set; }
    /// <summary>/api/chat answers with broken JSON.</summary>
    public bool ChatMalformed { get; set; }
    public ConcurrentQueue<JsonNode> ChatRequests { get; } = new();
    /// <summary>Pause between streamed tokens (a model writing at a human-visible pace).</summary>
    public TimeSpan TokenDelay { get; set; }
    /// <summary>The stream ends after this many tokens without its "done" line (a crashed runner).</summary>
    public int? CutAfterTokens { get; set; }
    /// <summary>The models /api/tags lists (a health probe checks the configured one is pulled).</summary>
    public string[] Pulled { get; set; } = ["qwen2.5:latest", "llama3.1:8b"];
    public Uri Url { get; }

    private FakeOllama(WebApplication app)
    {
        _app = app;
        Url = new Uri(app.Urls.First());
    }

    public static async Task<FakeOllama> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeOllama? fake = null;
        app.MapPost("/api/embed", async (HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body);
            var model = body?["model"]?.GetValue<string>();
            var input = body?["input"] as JsonArray;
            if (string.IsNullOrEmpty(model) || input is null || input.Any(i => i?.GetValueKind() != JsonValueKind.String))
            {
                fake!.ProtocolErrors.Enqueue(body?.ToJsonString() ?? "<empty>");
                return Results.Json(new { error = "invalid request" }, statusCode: 400);
            }
            if (fake!.Down) return Results.Json(new { error = "model failed to load" }, statusCode: 500);
            var texts = input.Select(i => i!.GetValue<string>()).ToArray();
            fake.EmbedBatches.Enqueue(texts);
            return Results.Json(new { model, embeddings = texts.Select(fake.Embedder).ToArray(), prompt_eval_count = texts.Sum(t => t.Length / 4) });
        });
        app.MapPost("/api/chat", async (HttpContext ctx) =>
        {
            var body = await JsonNode.ParseAsync(ctx.Request.Body);
            var messages = body?["messages"] as JsonArray;
            if (string.IsNullOrEmpty(body?["model"]?.GetValue<string>()) || messages is null
                || messages.Any(m => m?["role"] is null || m["content"] is null))
            {
                fake!.ProtocolErrors.Enqueue(body?.ToJsonString() ?? "<empty>");
                ctx.Response.StatusCode = 400;
                return;
            }
            fake!.ChatRequests.Enqueue(body!);
            if (fake.ChatDelay > TimeSpan.Zero) await Task.Delay(fake.ChatDelay, ctx.RequestAborted);
            if (fake.ChatStatus is { } status)
            {
                ctx.Response.StatusCode = status;
                await ctx.Response.WriteAsJsonAsync(new { error = "model runner has unexpectedly stopped" });
                return;
            }
            var model = body!["model"]!.GetValue<string>();
            var reply = fake.ChatReply(body);
            if (fake.ChatMalformed) { await ctx.Response.WriteAsync("{\"model\": \"" + model + "\", \"message\": {\"content\": "); return; }
            // Ollama streams unless the request says "stream": false: NDJSON chunks, then a final done line with counts.
            if (body["stream"]?.GetValue<bool>() != false)
            {
                ctx.Response.ContentType = "application/x-ndjson";
                foreach (var (piece, i) in reply.Split(' ').Select((p, i) => (p, i)))
                {
                    if (i == fake.CutAfterTokens) return;
                    if (fake.TokenDelay > TimeSpan.Zero) await Task.Delay(fake.TokenDelay, ctx.RequestAborted);
                    await ctx.Response.WriteAsync(new JsonObject { ["model"] = model, ["created_at"] = "2026-11-23T00:00:00Z",
                        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = piece + " " }, ["done"] = false }.ToJsonString() + "\n");
                    await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                }
                await ctx.Response.WriteAsync(new JsonObject { ["model"] = model, ["created_at"] = "2026-11-23T00:00:00Z",
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "" }, ["done"] = true, ["done_reason"] = "stop",
                    ["prompt_eval_count"] = 100, ["eval_count"] = reply.Split(' ').Length }.ToJsonString() + "\n");
                return;
            }
            await ctx.Response.WriteAsJsonAsync(new JsonObject { ["model"] = model, ["created_at"] = "2026-11-23T00:00:00Z",
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply }, ["done"] = true, ["done_reason"] = "stop",
                ["prompt_eval_count"] = 100, ["eval_count"] = reply.Split(' ').Length });
        });
        // GET /api/tags → {"models":[{"name","model","modified_at","size","digest"}]}: what is pulled on this server.
        app.MapGet("/api/tags", () => fake!.ChatStatus is { } status ? Results.StatusCode(status) : Results.Json(new
        {
            models = fake.Pulled.Select(m => new { name = m, model = m, modified_at = "2026-11-23T00:00:00Z", size = 4_700_000_000L, digest = "sha256:0" }),
        }));
        await app.StartAsync();
        fake = new FakeOllama(app);
        return fake;
    }

    public static float[] Embed(string text)
    {
        var v = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split(' ', '\n', '.', ','))
            if (word.Length > 0) v[Fnv(word) % Dimensions] += 1;
        return v;
    }

    /// <summary>A stable hash: string.GetHashCode differs between processes, which would make rankings differ between runs.</summary>
    private static uint Fnv(string word)
    {
        var hash = 2166136261u;
        foreach (var ch in word) hash = (hash ^ ch) * 16777619u;
        return hash;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
