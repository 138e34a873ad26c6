using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SupportCopilot.Core.Tests.Retrieval.Qdrant;

/// <summary>
/// An in-memory Qdrant speaking the REST protocol for the calls the adapter makes. Every request body is checked
/// against the OpenAPI spec (<see cref="QdrantSpec"/>); violations are collected, and tests assert there are none.
/// Scoring follows Qdrant's documented behaviour: cosine for dense, dot product with IDF for sparse, RRF fusion.
/// </summary>
public sealed class FakeQdrant : IAsyncDisposable
{
    private sealed record Point(float[] Dense, Dictionary<uint, float> Sparse, JsonObject Payload);
    private sealed class Collection { public int Size; public ConcurrentDictionary<int, Point> Points = new(); }

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Collection> _collections = new();
    public ConcurrentQueue<string> SpecViolations { get; } = new();
    public ConcurrentQueue<string> Requests { get; } = new();
    public ConcurrentQueue<string> ApiKeys { get; } = new();
    /// <summary>Answer the next N requests with this status (503: a node restarting).</summary>
    public (int Count, int Status) FailNext { get; set; }
    public Uri Url { get; }

    public int PointCount(string collection) => _collections.TryGetValue(collection, out var c) ? c.Points.Count : 0;

    private FakeQdrant(WebApplication app) { _app = app; Url = new Uri(app.Urls.First() + "/"); }

    public static async Task<FakeQdrant> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeQdrant? fake = null;
        app.Use(async (ctx, next) =>
        {
            fake!.Requests.Enqueue($"{ctx.Request.Method} {ctx.Request.Path}{ctx.Request.QueryString}");
            if (ctx.Request.Headers.TryGetValue("api-key", out var key)) fake.ApiKeys.Enqueue(key.ToString());
            if (fake.FailNext.Count > 0)
            {
                fake.FailNext = (fake.FailNext.Count - 1, fake.FailNext.Status);
                ctx.Response.StatusCode = fake.FailNext.Status;
                await ctx.Response.WriteAsJsonAsync(new { status = new { error = "Service unavailable" } });
                return;
            }
            await next();
        });
        app.MapGet("/healthz", () => Results.Text("healthz check passed"));
        app.MapGet("/collections/{name}/exists", (string name) => Ok(new JsonObject { ["exists"] = fake!._collections.ContainsKey(name) }));
        app.MapGet("/collections/{name}", (string name) => fake!._collections.TryGetValue(name, out var c)
            ? Ok(new JsonObject { ["config"] = new JsonObject { ["params"] = new JsonObject { ["vectors"] = new JsonObject { ["dense"] = new JsonObject { ["size"] = c.Size, ["distance"] = "Cosine" } } } } })
            : NotFound(name));
        app.MapPut("/collections/{name}", async (string name, HttpRequest r) =>
        {
            var body = await fake!.Read(r, "PUT", "/collections/{collection_name}");
            fake._collections[name] = new Collection { Size = body["vectors"]!["dense"]!["size"]!.GetValue<int>() };
            return Ok(true);
        });
        app.MapPut("/collections/{name}/index", async (string name, HttpRequest r) => { await fake!.Read(r, "PUT", "/collections/{collection_name}/index"); return Ok(new JsonObject { ["status"] = "completed" }); });
        app.MapPut("/collections/{name}/points", async (string name, HttpRequest r) =>
        {
            var body = await fake!.Read(r, "PUT", "/collections/{collection_name}/points");
            if (!fake._collections.TryGetValue(name, out var c)) return NotFound(name);
            foreach (var p in body["points"]!.AsArray())
            {
                var v = p!["vector"]!;
                c.Points[p["id"]!.GetValue<int>()] = new Point(v["dense"]!.AsArray().Select(x => x!.GetValue<float>()).ToArray(), Sparse(v["bm25"]!), p["payload"]!.AsObject());
            }
            return Ok(new JsonObject { ["status"] = "completed" });
        });
        app.MapPost("/collections/{name}/points/delete", async (string name, HttpRequest r) =>
        {
            var body = await fake!.Read(r, "POST", "/collections/{collection_name}/points/delete");
            if (!fake._collections.TryGetValue(name, out var c)) return NotFound(name);
            foreach (var id in c.Points.Where(p => Matches(body["filter"], p.Value.Payload)).Select(p => p.Key).ToList()) c.Points.TryRemove(id, out _);
            return Ok(new JsonObject { ["status"] = "completed" });
        });
        app.MapPost("/collections/{name}/points/query", async (string name, HttpRequest r) =>
        {
            var body = await fake!.Read(r, "POST", "/collections/{collection_name}/points/query");
            if (!fake._collections.TryGetValue(name, out var c)) return NotFound(name);
            var limit = body["limit"]?.GetValue<int>() ?? 10;
            IEnumerable<(int Id, double Score)> result;
            if (body["prefetch"] is JsonArray prefetch)
            {
                var fused = new Dictionary<int, double>();
                foreach (var pre in prefetch)
                {
                    var ranked = Search(c, pre!["query"]!, pre["using"]!.GetValue<string>(), pre["filter"] ?? body["filter"]).Take(pre["limit"]?.GetValue<int>() ?? 10).ToList();
                    for (var i = 0; i < ranked.Count; i++) fused[ranked[i].Id] = fused.GetValueOrDefault(ranked[i].Id) + 1.0 / (60 + i + 1);
                }
                result = fused.OrderByDescending(f => f.Value).Select(f => (f.Key, f.Value));
            }
            else result = Search(c, body["query"]!, body["using"]!.GetValue<string>(), body["filter"]);
            return Ok(new JsonObject { ["points"] = new JsonArray(result.Take(limit).Select(p => (JsonNode)new JsonObject { ["id"] = p.Id, ["version"] = 1, ["score"] = p.Score }).ToArray()) });
        });
        await app.StartAsync();
        fake = new FakeQdrant(app);
        return fake;
    }

    private async Task<JsonObject> Read(HttpRequest request, string method, string template)
    {
        var text = await new StreamReader(request.Body).ReadToEndAsync();
        var errors = QdrantSpec.Validate(method, template, text);
        if (errors.Length > 0) SpecViolations.Enqueue($"{method} {template}: {errors} in {text[..Math.Min(300, text.Length)]}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static IEnumerable<(int Id, double Score)> Search(Collection c, JsonNode query, string vector, JsonNode? filter)
    {
        var candidates = c.Points.Where(p => Matches(filter, p.Value.Payload)).ToList();
        if (vector == "dense")
        {
            var q = query.AsArray().Select(x => x!.GetValue<float>()).ToArray();
            return candidates.Select(p => (p.Key, Cosine(q, p.Value.Dense))).OrderByDescending(p => p.Item2);
        }
        var sparse = Sparse(query);
        var n = c.Points.Count;
        double Idf(uint term) { var df = c.Points.Values.Count(p => p.Sparse.ContainsKey(term)); return Math.Log(1 + (n - df + 0.5) / (df + 0.5)); }
        return candidates.Select(p => (p.Key, sparse.Sum(t => p.Value.Sparse.TryGetValue(t.Key, out var w) ? t.Value * w * Idf(t.Key) : 0)))
            .Where(p => p.Item2 > 0).OrderByDescending(p => p.Item2);
    }

    private static bool Matches(JsonNode? filter, JsonObject payload) => filter?["must"] is not JsonArray must || must.All(cond =>
    {
        var value = payload[cond!["key"]!.GetValue<string>()];
        var match = cond["match"]!;
        var wanted = match["any"] is JsonArray any ? any.Select(a => a!.ToJsonString()).ToHashSet() : [match["value"]!.ToJsonString()];
        return value is JsonArray arr ? arr.Any(v => wanted.Contains(v!.ToJsonString())) : value is not null && wanted.Contains(value.ToJsonString());
    });

    private static Dictionary<uint, float> Sparse(JsonNode v) =>
        v["indices"]!.AsArray().Select(i => i!.GetValue<uint>()).Zip(v["values"]!.AsArray().Select(x => x!.GetValue<float>())).ToDictionary(p => p.First, p => p.Second);

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private static IResult Ok(JsonNode result) => Results.Json(new JsonObject { ["result"] = result, ["status"] = "ok", ["time"] = 0.001 });
    private static IResult NotFound(string name) => Results.Json(new JsonObject { ["status"] = new JsonObject { ["error"] = $"Not found: Collection `{name}` doesn't exist!" } }, statusCode: 404);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
