using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace SupportCopilot.Core.Retrieval.Qdrant;

/// <summary>A point to store: the chunk id, its dense vector, its BM25 sparse vector and the payload filters use.</summary>
public sealed record QdrantPoint(int ChunkId, int DocumentId, IReadOnlyList<string> Tags, float[] Dense, SparseVector Sparse);

public sealed class QdrantException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Qdrant over its REST API (the .NET client is not available here). One collection holds a named dense vector
/// ("dense", cosine) and a sparse vector ("bm25") with Qdrant's IDF modifier; hybrid queries prefetch both and fuse
/// with RRF inside Qdrant. Written against Qdrant's OpenAPI spec; not yet run against a live server.
/// </summary>
public sealed class QdrantClient(HttpClient http, IOptions<QdrantOptions> options)
{
    public const string DenseName = "dense";
    public const string SparseName = "bm25";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private QdrantOptions O => options.Value;
    private string? _collectionName;
    private string CollectionName => _collectionName ?? O.Collection;
    private string Collection => Uri.EscapeDataString(CollectionName);

    /// <summary>The same server and settings, another collection (reply memory lives beside the knowledge chunks).</summary>
    public QdrantClient ForCollection(string name) => new(http, options) { _collectionName = name };

    /// <summary>Creates the collection (and payload indexes) when missing. A different dense size is an error, not a silent recreate.</summary>
    public async Task EnsureCollectionAsync(int dimensions, CancellationToken ct)
    {
        var exists = await SendAsync(HttpMethod.Get, $"collections/{Collection}/exists", null, ct);
        if (exists?["result"]?["exists"]?.GetValue<bool>() == true)
        {
            var info = await SendAsync(HttpMethod.Get, $"collections/{Collection}", null, ct);
            var size = info?["result"]?["config"]?["params"]?["vectors"]?[DenseName]?["size"]?.GetValue<int>();
            if (size is not null && size != dimensions)
                throw new QdrantException($"Collection {CollectionName} stores {size}-dimensional vectors, the embedding model makes {dimensions}. Use another collection name or re-create it.");
            return;
        }
        await SendAsync(HttpMethod.Put, $"collections/{Collection}", new JsonObject
        {
            ["vectors"] = new JsonObject { [DenseName] = new JsonObject { ["size"] = dimensions, ["distance"] = "Cosine" } },
            ["sparse_vectors"] = new JsonObject { [SparseName] = new JsonObject { ["modifier"] = "idf" } },
        }, ct);
        foreach (var (field, type) in new[] { ("document_id", "integer"), ("tags", "keyword") })
            await SendAsync(HttpMethod.Put, $"collections/{Collection}/index?wait=true", new JsonObject { ["field_name"] = field, ["field_schema"] = type }, ct);
    }

    public async Task UpsertAsync(IReadOnlyList<QdrantPoint> points, CancellationToken ct)
    {
        foreach (var batch in points.Chunk(O.UpsertBatchSize))
        {
            var body = new JsonObject { ["points"] = new JsonArray(batch.Select(p => (JsonNode)new JsonObject
            {
                ["id"] = p.ChunkId,
                ["vector"] = new JsonObject
                {
                    [DenseName] = new JsonArray(p.Dense.Select(v => (JsonNode)v).ToArray()),
                    [SparseName] = Sparse(p.Sparse),
                },
                ["payload"] = new JsonObject { ["document_id"] = p.DocumentId, ["tags"] = new JsonArray(p.Tags.Select(t => (JsonNode)t).ToArray()) },
            }).ToArray()) };
            await SendAsync(HttpMethod.Put, $"collections/{Collection}/points?wait=true", body, ct);
        }
    }

    public Task DeleteDocumentAsync(int documentId, CancellationToken ct) => DeleteDocumentsAsync([documentId], ct);

    /// <summary>Deletes every point whose document_id is one of these (one request per 1,000 ids).</summary>
    public async Task DeleteDocumentsAsync(IReadOnlyCollection<int> documentIds, CancellationToken ct)
    {
        foreach (var batch in documentIds.Chunk(1000))
            await SendAsync(HttpMethod.Post, $"collections/{Collection}/points/delete?wait=true", new JsonObject { ["filter"] = Filter(null, batch) }, ct);
    }

    /// <summary>Hybrid search: dense and sparse prefetches fused by RRF; without a dense vector, sparse only.</summary>
    public async Task<IReadOnlyList<(int ChunkId, double Score)>> QueryAsync(float[]? dense, SparseVector sparse, int limit,
        IReadOnlyCollection<string>? tags, IReadOnlyCollection<int>? documentIds, CancellationToken ct)
    {
        var filter = Filter(tags, documentIds);
        JsonObject body;
        if (dense is null)
        {
            body = new JsonObject { ["query"] = Sparse(sparse), ["using"] = SparseName };
        }
        else
        {
            body = new JsonObject
            {
                ["prefetch"] = new JsonArray(
                    new JsonObject { ["query"] = new JsonArray(dense.Select(v => (JsonNode)v).ToArray()), ["using"] = DenseName, ["limit"] = limit * 2, ["filter"] = filter?.DeepClone() },
                    new JsonObject { ["query"] = Sparse(sparse), ["using"] = SparseName, ["limit"] = limit * 2, ["filter"] = filter?.DeepClone() }),
                ["query"] = new JsonObject { ["fusion"] = "rrf" },
            };
        }
        body["limit"] = limit;
        body["with_payload"] = false;
        if (filter is not null) body["filter"] = filter;
        RemoveNulls(body);
        var response = await SendAsync(HttpMethod.Post, $"collections/{Collection}/points/query", body, ct);
        return (response?["result"]?["points"] as JsonArray ?? []).Select(p => (p!["id"]!.GetValue<int>(), p["score"]!.GetValue<double>())).ToList();
    }

    /// <summary>True when Qdrant answers its health endpoint.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken ct)
    {
        try
        {
            using var response = await http.SendAsync(Request(HttpMethod.Get, "healthz", null), ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static JsonObject Sparse(SparseVector v) => new()
    {
        ["indices"] = new JsonArray(v.Indices.Select(i => (JsonNode)i).ToArray()),
        ["values"] = new JsonArray(v.Values.Select(x => (JsonNode)x).ToArray()),
    };

    private static JsonObject? Filter(IReadOnlyCollection<string>? tags, IReadOnlyCollection<int>? documentIds)
    {
        var must = new JsonArray();
        if (documentIds is not null) must.Add(new JsonObject { ["key"] = "document_id", ["match"] = new JsonObject { ["any"] = new JsonArray(documentIds.Select(d => (JsonNode)d).ToArray()) } });
        foreach (var tag in tags ?? []) must.Add(new JsonObject { ["key"] = "tags", ["match"] = new JsonObject { ["value"] = tag } });
        return must.Count == 0 ? null : new JsonObject { ["must"] = must };
    }

    private static void RemoveNulls(JsonNode? node)
    {
        if (node is JsonObject o) { foreach (var k in o.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) o.Remove(k); foreach (var kv in o) RemoveNulls(kv.Value); }
        else if (node is JsonArray a) foreach (var item in a) RemoveNulls(item);
    }

    /// <summary>Sends with retries on 5xx, 429 and network errors (backoff 0.5 s, 1 s...); 4xx are errors at once.</summary>
    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await http.SendAsync(Request(method, path, body), ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode) return text.Length == 0 ? null : JsonNode.Parse(text);
                var retryable = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
                if (!retryable || attempt >= O.MaxAttempts)
                    throw new QdrantException($"Qdrant {method} {path} answered {(int)response.StatusCode}: {Trim(text)}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                if (attempt >= O.MaxAttempts) throw new QdrantException($"Qdrant {method} {path} is unreachable: {ex.Message}", ex);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt - 1)), ct);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, JsonObject? body)
    {
        var request = new HttpRequestMessage(method, new Uri(O.Url!, path));
        if (!string.IsNullOrEmpty(O.ApiKey)) request.Headers.Add("api-key", O.ApiKey);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        return request;
    }

    private static string Trim(string s) => s.Length > 300 ? s[..300] : s;
}
