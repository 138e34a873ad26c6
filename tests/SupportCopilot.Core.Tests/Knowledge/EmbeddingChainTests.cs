using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Knowledge;

/// <summary>`Models:Embedding:0..N`: the same embedding model on several servers, tried in order (Ollama protocol fakes).</summary>
public class EmbeddingChainTests
{
    private static Dictionary<string, string?> Settings(params (Uri Url, string Model)[] links)
    {
        var settings = new Dictionary<string, string?> { ["Ingestion:MaxAttempts"] = "1" };
        for (var i = 0; i < links.Length; i++)
            (settings[$"Models:Embedding:{i}:Endpoint"], settings[$"Models:Embedding:{i}:Model"], settings[$"Models:Embedding:{i}:TimeoutSeconds"])
                = (links[i].Url.ToString(), links[i].Model, "5");
        return settings;
    }

    [Fact]
    public async Task FirstServerDown_TheSecondEmbedsIngestionAndQueries()
    {
        await using var down = await FakeOllama.StartAsync();
        down.Down = true;
        await using var up = await FakeOllama.StartAsync();
        await using var host = await TestHost.StartAsync(settings: Settings((down.Url, "nomic-embed-text"), (up.Url, "nomic-embed-text")));

        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes("# Guide\n\n## Filter\n\nHold the Filter button for five seconds."));
        await host.Get<VectorIndexSync>().SyncAsync();
        var result = await host.Get<Retriever>().SearchAsync("filter button", top: 3, CancellationToken.None);

        await using var db = host.Db();
        Assert.Equal("nomic-embed-text", (await db.Documents.SingleAsync()).EmbeddingModel);
        Assert.True(await db.ChunkEmbeddings.AnyAsync());
        Assert.NotEmpty(up.EmbedBatches);
        Assert.NotEmpty(result);
        Assert.Contains(up.EmbedBatches, b => b.Contains("search_query: filter button")); // the query went to the second server too
    }

    [Fact]
    public async Task EveryServerDown_ThrowsTheLastError_SoSearchFallsBackToKeywords()
    {
        await using var a = await FakeOllama.StartAsync();
        await using var b = await FakeOllama.StartAsync();
        a.Down = b.Down = true;
        await using var host = await TestHost.StartAsync(settings: Settings((a.Url, "nomic-embed-text"), (b.Url, "nomic-embed-text")));
        var chain = Assert.IsType<EmbeddingChain>(host.Get<IEmbeddingGenerator<string, Embedding<float>>>());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => chain.GenerateAsync(["filter"]));
        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes("# Guide\n\n## Filter\n\nHold the Filter button for five seconds."));
        await host.Get<VectorIndexSync>().SyncAsync();
        var hits = await host.Get<Retriever>().SearchAsync("filter button", top: 3, CancellationToken.None);

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.NotEmpty(hits); // keyword search still answers
    }

    [Fact]
    public async Task FallbackWithAnotherModel_IsRefusedAtStart_WithTheSettingNamed()
    {
        var error = await Assert.ThrowsAsync<SupportCopilot.Core.Models.OptionsValidationError>(() => TestHost.StartAsync(
            settings: Settings((new Uri("http://127.0.0.1:1/"), "nomic-embed-text"), (new Uri("http://127.0.0.1:2/"), "bge-m3"))));

        Assert.Contains("Models:Embedding:1", error.Message);
        Assert.Contains("cannot be mixed", error.Message);
    }
}
