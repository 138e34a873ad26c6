using System.Text;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Retrieval.Qdrant;

/// <summary>Search:Provider = Qdrant end to end: ingestion mirrors chunks into Qdrant, search asks Qdrant, delete removes.</summary>
public class QdrantProviderTests
{
    [Fact]
    public async Task IngestSearchDelete_GoThroughQdrant()
    {
        await using var ollama = await FakeOllama.StartAsync();
        await using var qdrant = await FakeQdrant.StartAsync();
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Models:Embedding:0:Provider"] = "Ollama", ["Models:Embedding:0:Endpoint"] = ollama.Url.ToString(), ["Models:Embedding:0:Model"] = "nomic-embed-text",
            ["Search:Provider"] = "Qdrant", ["Search:Qdrant:Url"] = qdrant.Url.ToString(), ["Search:Qdrant:Collection"] = "kb",
        });

        var doc = await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes("# Guide\n\n## Filter\n\nReplace the carbon filter yearly.\n\n## Night\n\nNight mode dims the display."));
        var other = await host.IngestAsync("other.md", Encoding.UTF8.GetBytes("# Other\n\nThe carbon footprint report."));

        Assert.Equal(3, qdrant.PointCount("kb"));
        var result = await host.Get<Retriever>().SearchAsync(new SearchRequest("carbon filter replace"));
        Assert.Equal("qdrant-hybrid", result.Mode);
        Assert.Contains(result.Hits.Take(2), h => h.HeadingPath == "Guide > Filter");
        var filtered = await host.Get<Retriever>().SearchAsync(new SearchRequest("carbon", Filters: new SearchFilters(DocumentIds: [other.Id])));
        Assert.Equal("other.md", Assert.Single(filtered.Hits).FileName);

        await host.Get<KnowledgeUploads>().DeleteAsync(doc.Id);

        Assert.Equal(1, qdrant.PointCount("kb"));
        Assert.DoesNotContain((await host.Get<Retriever>().SearchAsync(new SearchRequest("carbon filter"))).Hits, h => h.FileName == "guide.md");
        Assert.Empty(qdrant.SpecViolations);
    }
}
