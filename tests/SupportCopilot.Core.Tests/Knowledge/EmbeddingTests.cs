using System.Runtime.InteropServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Knowledge;

public class EmbeddingTests
{
    private const string Doc = "# Guide\n\n## One\n\nFirst part.\n\n## Two\n\nSecond part.\n\n## Three\n\nThird part.\n\n## Four\n\nFourth.\n\n## Five\n\nFifth.";

    private static Dictionary<string, string?> Settings(FakeOllama ollama, string model = "nomic-embed-text") => new()
    {
        ["Models:Embedding:0:Provider"] = "Ollama",
        ["Models:Embedding:0:Endpoint"] = ollama.Url.ToString(),
        ["Models:Embedding:0:Model"] = model,
        ["Ingestion:EmbeddingBatchSize"] = "2",
        ["Ingestion:MaxAttempts"] = "2",
    };

    [Fact]
    public async Task Ingest_WithEmbeddingModel_StoresOneVectorPerChunkInBatches()
    {
        await using var ollama = await FakeOllama.StartAsync();
        await using var host = await TestHost.StartAsync(settings: Settings(ollama));

        var doc = await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes(Doc));

        Assert.Empty(ollama.ProtocolErrors);
        Assert.Equal([2, 2, 1], ollama.EmbedBatches.Select(b => b.Length));
        await using var db = host.Db();
        Assert.Equal("nomic-embed-text", (await db.Documents.SingleAsync()).EmbeddingModel);
        var rows = await db.ChunkEmbeddings.ToListAsync();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(("nomic-embed-text", FakeOllama.Dimensions), (r.Model, r.Dimensions)));
        var first = doc.Chunks.OrderBy(c => c.Ordinal).First();
        var stored = MemoryMarshal.Cast<byte, float>(rows.Single(r => r.ChunkId == first.Id).Vector).ToArray();
        Assert.Equal(FakeOllama.Embed("search_document: " + first.HeadingPath + "\n" + first.Text), stored); // nomic-embed's document prefix
    }

    [Fact]
    public async Task ChangedEmbeddingModel_ReembedsStaleDocuments()
    {
        await using var ollama = await FakeOllama.StartAsync();
        await using var host = await TestHost.StartAsync(settings: Settings(ollama, "bge-m3"));
        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes(Doc));
        await using (var db = host.Db()) // as if embedded earlier with another model
            await db.Documents.ExecuteUpdateAsync(s => s.SetProperty(d => d.EmbeddingModel, "nomic-embed-text"));

        Assert.Equal(1, await host.Get<EmbeddingIndexer>().EnqueueStaleAsync(CancellationToken.None));
        Assert.Equal(0, await host.Get<EmbeddingIndexer>().EnqueueStaleAsync(CancellationToken.None)); // already queued
        await host.Get<IngestionWorker>().DrainAsync();

        await using var check = host.Db();
        Assert.Equal("bge-m3", (await check.Documents.SingleAsync()).EmbeddingModel);
        Assert.All(await check.ChunkEmbeddings.ToListAsync(), e => Assert.Equal("bge-m3", e.Model));
        Assert.Equal(5, await check.ChunkEmbeddings.CountAsync());
    }

    [Fact]
    public async Task EmbeddingModelDown_RetriesThenReportsButDocumentStaysSearchable()
    {
        await using var ollama = await FakeOllama.StartAsync();
        ollama.Down = true;
        await using var host = await TestHost.StartAsync(settings: Settings(ollama));

        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes(Doc));
        await using (var db = host.Db()) // skip the backoff wait
            await db.IngestionJobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        await host.Get<IngestionWorker>().DrainAsync();

        await using var check = host.Db();
        var doc = await check.Documents.SingleAsync();
        Assert.Equal(DocumentStatus.Ready, doc.Status);
        Assert.StartsWith("Failed after 2 attempts:", doc.EmbeddingError);
        Assert.Equal(JobStatus.Failed, (await check.IngestionJobs.SingleAsync(j => j.Kind == IngestionJobKind.Embed)).Status);
        Assert.NotEmpty(await host.Get<Retriever>().SearchAsync("second part"));
    }
}
