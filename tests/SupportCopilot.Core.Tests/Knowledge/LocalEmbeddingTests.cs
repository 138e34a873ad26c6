using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Knowledge;

/// <summary>The in-process embedding model (all-MiniLM-L6-v2 on ONNX Runtime): real vectors, no server.</summary>
public class LocalEmbeddingTests
{
    private static readonly Dictionary<string, string?> Local = new() { ["Models:Embedding:0:Provider"] = "Local" };

    [Fact]
    public async Task Vectors_AreNormalised384d_AndCloserForTheSameMeaning()
    {
        using var generator = new LocalEmbeddingGenerator();

        var v = await generator.GenerateAsync(["How do I reset the filter light?", "Hold the Filter button for five seconds to clear the indicator.", "Refunds are paid within 14 days."]);

        Assert.All(v, e => Assert.Equal(384, e.Vector.Length));
        Assert.All(v, e => Assert.InRange(System.Numerics.Tensors.TensorPrimitives.Norm(e.Vector.Span), 0.99f, 1.01f));
        var related = System.Numerics.Tensors.TensorPrimitives.Dot(v[0].Vector.Span, v[1].Vector.Span);
        var unrelated = System.Numerics.Tensors.TensorPrimitives.Dot(v[0].Vector.Span, v[2].Vector.Span);
        Assert.True(related > unrelated + 0.2, $"related {related}, unrelated {unrelated}");
        Assert.Equal(LocalEmbeddingGenerator.ModelName, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
    }

    [Fact]
    public async Task ArcticXs_IsTheOtherInProcessModel_AndNamesItself()
    {
        using var generator = new LocalEmbeddingGenerator(LocalEmbeddingGenerator.ArcticXs);

        var v = await generator.GenerateAsync(["Represent this sentence for searching relevant passages: how do I reset the filter light?",
            "Hold the Filter button for five seconds to clear the indicator.", "Refunds are paid within 14 days."]);

        Assert.All(v, e => Assert.Equal(384, e.Vector.Length));
        var related = System.Numerics.Tensors.TensorPrimitives.Dot(v[0].Vector.Span, v[1].Vector.Span);
        var unrelated = System.Numerics.Tensors.TensorPrimitives.Dot(v[0].Vector.Span, v[2].Vector.Span);
        Assert.True(related > unrelated + 0.05, $"related {related}, unrelated {unrelated}");
        Assert.All(v, e => Assert.Equal(LocalEmbeddingGenerator.ArcticXs, e.ModelId));
        Assert.Throws<ArgumentException>(() => new LocalEmbeddingGenerator("bge-m3"));
    }

    [Fact]
    public async Task LongAndEmptyInputs_AreEmbeddedWithoutError()
    {
        using var generator = new LocalEmbeddingGenerator();

        var v = await generator.GenerateAsync([string.Join(' ', Enumerable.Repeat("filter", 5000)), ""]);

        Assert.Equal(2, v.Count);
        Assert.All(v, e => Assert.Equal(384, e.Vector.Length));
        Assert.Empty(await generator.GenerateAsync([]));
    }

    [Fact]
    public async Task HybridSearch_FindsAPassageThatSharesNoWordWithTheQuery()
    {
        await using var host = await TestHost.StartAsync(settings: Local);
        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes(
            "# Guide\n\n## Maintenance indicator\n\nPress and keep pressing the Filter button for five seconds; the amber lamp turns off.\n\n" +
            "## Payments\n\nInvoices are payable within thirty days by bank transfer.\n\n## Noise\n\nA rattling fan usually means a loose grille."));
        await host.Get<VectorIndexSync>().SyncAsync();

        var result = await host.Get<Retriever>().SearchAsync(new SearchRequest("clear warning light after swapping cartridge", 3));

        await using var db = host.Db();
        Assert.Equal(LocalEmbeddingGenerator.ModelName, (await db.Documents.SingleAsync()).EmbeddingModel);
        Assert.Equal("dense", result.Mode); // no query word is in the document: only the embedding can find it
        Assert.Equal("Guide > Maintenance indicator", result.Hits[0].HeadingPath);
    }
}

public class EmbeddingOptionsTests
{
    [Fact]
    public void AnEndpointWithTheDefaultLocalProvider_IsRefused_WithTheFixNamed()
    {
        var options = new EmbeddingModelOptions { Provider = "Local", Endpoint = new Uri("http://ollama:11434"), Model = "nomic-embed-text" };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("set Provider to Ollama or OpenAI"));
        var unknown = new EmbeddingModelOptions { Provider = "Local", Model = "bge-m3" };
        Assert.Contains(unknown.Validate(new(unknown)), e => e.ErrorMessage!.Contains("snowflake-arctic-embed-xs"));
        Assert.Empty(new EmbeddingModelOptions { Provider = "Local", Model = LocalEmbeddingGenerator.ArcticXs }.Validate(new(new object())));
        Assert.Empty(new EmbeddingModelOptions { Provider = "Local" }.Validate(new(new object())));
        Assert.Empty(new EmbeddingModelOptions { Provider = "Ollama", Endpoint = new Uri("http://ollama:11434"), Model = "nomic-embed-text" }.Validate(new(new object())));
    }

    [Fact]
    public async Task ProviderNone_RegistersNoEmbeddingModel_AndSearchAnswersByKeywords()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Models:Embedding:0:Provider"] = "None", ["Models:Embedding:0:Model"] = "ignored" });
        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes("# Guide\n\n## Filter\n\nHold the Filter button for five seconds."));

        var result = await host.Get<Retriever>().SearchAsync(new SearchRequest("filter button", 3));

        Assert.Null(host.Find<IEmbeddingGenerator<string, Embedding<float>>>());
        await using var db = host.Db();
        Assert.Null((await db.Documents.SingleAsync()).EmbeddingModel);
        Assert.Equal("lexical", result.Mode);
        Assert.Equal("Guide > Filter", result.Hits[0].HeadingPath);
    }
}
