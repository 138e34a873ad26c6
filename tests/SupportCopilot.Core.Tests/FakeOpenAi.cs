using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SupportCopilot.Core.Tests;

/// <summary>
/// An OpenAI-compatible server (what vLLM, llama.cpp server and LM Studio expose): POST /v1/chat/completions with
/// {model, messages[{role, content}], stream?} → a chat.completion object, or server-sent events of
/// chat.completion.chunk objects ending with "data: [DONE]" when streaming. Requests are shape-checked.
/// </summary>
public sealed class FakeOpenAi : IAsyncDisposable
{
    private readonly WebApplication _app;
    public Func<JsonNode, string> Reply { get; set; } = _ => "Hold the Filter button for five seconds [1].";
    public int? Status { get; set; }
    /// <summary>The model /v1/models lists.</summary>
    public string ServedModel { get; set; } = "Qwen/Qwen2.5-7B-Instruct";
    /// <summary>Pause between streamed tokens.</summary>
    public TimeSpan TokenDelay { get; set; }
    public ConcurrentQueue<JsonNode> Requests { get; } = new();
    public ConcurrentQueue<string> ProtocolErrors { get; } = new();
    public ConcurrentQueue<string> Authorization { get; } = new();
    /// <summary>The base address clients use, ending in /v1/.</summary>
    public Uri Url { get; }

    private FakeOpenAi(WebApplication app) { _app = app; Url = new Uri(app.Urls.First() + "/v1/"); }

    public static async Task<FakeOpenAi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeOpenAi? fake = null;
        app.MapPost("/v1/chat/completions", async (HttpContext ctx) =>
        {
            var body = await JsonNode.ParseAsync(ctx.Request.Body);
            fake!.Authorization.Enqueue(ctx.Request.Headers.Authorization.ToString());
            if (body?["model"] is null || body["messages"] is not JsonArray messages || messages.Any(m => m?["role"] is null || m["content"] is null))
            {
                fake.ProtocolErrors.Enqueue(body?.ToJsonString() ?? "<empty>");
                ctx.Response.StatusCode = 400;
                return;
            }
            fake.Requests.Enqueue(body);
            if (fake.Status is { } status)
            {
                ctx.Response.StatusCode = status;
                await ctx.Response.WriteAsJsonAsync(new { error = new { message = "upstream failure", type = "server_error" } });
                return;
            }
            var model = body["model"]!.GetValue<string>();
            var reply = fake.Reply(body);
            if (body["stream"]?.GetValue<bool>() == true)
            {
                ctx.Response.ContentType = "text/event-stream";
                foreach (var piece in reply.Split(' '))
                {
                    if (fake.TokenDelay > TimeSpan.Zero) await Task.Delay(fake.TokenDelay, ctx.RequestAborted);
                    await ctx.Response.WriteAsync("data: " + Chunk(model, new JsonObject { ["content"] = piece + " " }, null) + "\n\n");
                    await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                }
                await ctx.Response.WriteAsync("data: " + Chunk(model, new JsonObject(), "stop") + "\n\n");
                // stream_options.include_usage: one last chunk with no choices and the usage (OpenAI API reference).
                if (body["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
                    await ctx.Response.WriteAsync("data: " + new JsonObject
                    {
                        ["id"] = "chatcmpl-1", ["object"] = "chat.completion.chunk", ["created"] = 1_790_000_000, ["model"] = model, ["choices"] = new JsonArray(),
                        ["usage"] = new JsonObject { ["prompt_tokens"] = 120, ["completion_tokens"] = reply.Split(' ').Length, ["total_tokens"] = 120 + reply.Split(' ').Length },
                    }.ToJsonString() + "\n\n");
                await ctx.Response.WriteAsync("data: [DONE]\n\n");
                return;
            }
            await ctx.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = "chatcmpl-1", ["object"] = "chat.completion", ["created"] = 1_790_000_000, ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply }, ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 120, ["completion_tokens"] = 12, ["total_tokens"] = 132 },
            });
        });
        // GET /v1/models → {"object":"list","data":[{"id","object":"model","created","owned_by"}]}.
        app.MapGet("/v1/models", () => fake!.Status is { } status ? Results.StatusCode(status) : Results.Json(new
        {
            @object = "list", data = new[] { new { id = fake.ServedModel, @object = "model", created = 1_790_000_000, owned_by = "vllm" } },
        }));
        await app.StartAsync();
        fake = new FakeOpenAi(app);
        return fake;
    }

    private static string Chunk(string model, JsonObject delta, string? finish) => new JsonObject
    {
        ["id"] = "chatcmpl-1", ["object"] = "chat.completion.chunk", ["created"] = 1_790_000_000, ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    }.ToJsonString();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
