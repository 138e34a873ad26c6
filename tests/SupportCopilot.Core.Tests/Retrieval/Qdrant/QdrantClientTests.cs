using Microsoft.Extensions.Options;
using SupportCopilot.Core.Retrieval.Qdrant;

namespace SupportCopilot.Core.Tests.Retrieval.Qdrant;

/// <summary>The adapter against a protocol fake; every request body it sends is checked against Qdrant's OpenAPI spec.</summary>
public sealed class QdrantClientTests : IAsyncLifetime
{
    private FakeQdrant _qdrant = default!;
    private QdrantClient _client = default!;

    public async Task InitializeAsync()
    {
        Assert.True(QdrantSpec.Available, "../shared/specs/qdrant-openapi.json is needed to check request bodies");
        _qdrant = await FakeQdrant.StartAsync();
        _client = new QdrantClient(new HttpClient(), Options.Create(new QdrantOptions { Url = _qdrant.Url, ApiKey = "secret-key", Collection = "kb", UpsertBatchSize = 2 }));
    }

    public async Task DisposeAsync()
    {
        Assert.Empty(_qdrant.SpecViolations);
        await _qdrant.DisposeAsync();
    }

    private static QdrantPoint Point(int id, int doc, string text, float[] dense, params string[] tags) => new(id, doc, tags, dense, SparseEncoder.Document(text));

    [Fact]
    public async Task EnsureCollection_CreatesOnceWithDenseAndIdfSparseVectors()
    {
        await _client.EnsureCollectionAsync(3, CancellationToken.None);
        await _client.EnsureCollectionAsync(3, CancellationToken.None);

        Assert.Single(_qdrant.Requests, r => r == "PUT /collections/kb");
        Assert.Equal(2, _qdrant.Requests.Count(r => r.StartsWith("PUT /collections/kb/index", StringComparison.Ordinal)));
        Assert.All(_qdrant.ApiKeys, k => Assert.Equal("secret-key", k));
        var ex = await Assert.ThrowsAsync<QdrantException>(() => _client.EnsureCollectionAsync(768, CancellationToken.None));
        Assert.Contains("3-dimensional", ex.Message);
    }

    [Fact]
    public async Task Upsert_SendsBatches_DeleteDocument_RemovesOnlyItsPoints()
    {
        await _client.EnsureCollectionAsync(2, CancellationToken.None);
        await _client.UpsertAsync([Point(1, 10, "filter reset", [1, 0]), Point(2, 10, "filter life", [1, 0]), Point(3, 20, "wifi pairing", [0, 1])], CancellationToken.None);

        Assert.Equal(2, _qdrant.Requests.Count(r => r.StartsWith("PUT /collections/kb/points", StringComparison.Ordinal)));
        Assert.Equal(3, _qdrant.PointCount("kb"));
        await _client.DeleteDocumentAsync(10, CancellationToken.None);
        Assert.Equal(1, _qdrant.PointCount("kb"));
    }

    [Fact]
    public async Task HybridQuery_FusesDenseAndSparse_AndHonoursFilters()
    {
        await _client.EnsureCollectionAsync(2, CancellationToken.None);
        await _client.UpsertAsync(
        [
            Point(1, 10, "replace the carbon filter every six months", [0, 1], "airpure-300"),
            Point(2, 10, "night mode dims the display", [1, 0], "airpure-300"),
            Point(3, 20, "carbon filter for the larger model", [0.9f, 0.1f], "airpure-500"),
        ], CancellationToken.None);

        var hybrid = await _client.QueryAsync([1, 0], SparseEncoder.Query("carbon filter"), 3, null, null, CancellationToken.None);
        var sparseOnly = await _client.QueryAsync(null, SparseEncoder.Query("carbon filter"), 3, null, null, CancellationToken.None);
        var filtered = await _client.QueryAsync([1, 0], SparseEncoder.Query("carbon filter"), 3, ["airpure-300"], null, CancellationToken.None);
        var byDocument = await _client.QueryAsync([1, 0], SparseEncoder.Query("carbon filter"), 3, null, [20], CancellationToken.None);

        Assert.Equal(3, hybrid[0].ChunkId); // first by dense, second by sparse: fusion puts it on top
        Assert.Equal([1, 3], sparseOnly.Select(h => h.ChunkId).Order());
        Assert.DoesNotContain(filtered, h => h.ChunkId == 3);
        Assert.Equal([3], byDocument.Select(h => h.ChunkId));
    }

    [Fact]
    public async Task TransientErrors_AreRetried_ClientErrorsAreNot()
    {
        _qdrant.FailNext = (2, 503);
        await _client.EnsureCollectionAsync(2, CancellationToken.None); // two 503s, then success

        _qdrant.FailNext = (1, 400);
        var ex = await Assert.ThrowsAsync<QdrantException>(() => _client.DeleteDocumentAsync(1, CancellationToken.None));
        Assert.Contains("400", ex.Message);

        _qdrant.FailNext = (5, 503);
        await Assert.ThrowsAsync<QdrantException>(() => _client.DeleteDocumentAsync(1, CancellationToken.None)); // 3 attempts, all failed
        _qdrant.FailNext = (0, 0);
    }

    [Fact]
    public async Task Health_TrueWhenUp_FalseWhenUnreachable()
    {
        Assert.True(await _client.IsHealthyAsync(CancellationToken.None));
        var nowhere = new QdrantClient(new HttpClient(), Options.Create(new QdrantOptions { Url = new Uri("http://127.0.0.1:9/"), MaxAttempts = 1 }));
        Assert.False(await nowhere.IsHealthyAsync(CancellationToken.None));
    }

    [Fact]
    public void SpecCheck_CatchesAMisspeltFieldAndAWrongType()
    {
        // The negative control: the validator really rejects bodies the adapter must never send.
        Assert.NotEqual("", QdrantSpec.Validate("POST", "/collections/{collection_name}/points/query", """{"query": {"fusion": "rrf"}, "limmit": 5}"""));
        Assert.NotEqual("", QdrantSpec.Validate("POST", "/collections/{collection_name}/points/query", """{"limit": "ten"}"""));
        Assert.NotEqual("", QdrantSpec.Validate("PUT", "/collections/{collection_name}", """{"sparse_vectors": {"bm25": {"modifier": "tfidf"}}}"""));
        Assert.Equal("", QdrantSpec.Validate("PUT", "/collections/{collection_name}", """{"sparse_vectors": {"bm25": {"modifier": "idf"}}}"""));
    }
}
