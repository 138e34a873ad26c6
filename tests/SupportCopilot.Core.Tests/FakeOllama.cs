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
    /// <summary>When set, /api/embed answers 500 like a model that failed to load.</summary>
    public bool Down { get; set; }
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
            return Results.Json(new { model, embeddings = texts.Select(Embed).ToArray(), prompt_eval_count = texts.Sum(t => t.Length / 4) });
        });
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
