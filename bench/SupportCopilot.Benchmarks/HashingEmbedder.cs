using Microsoft.Extensions.AI;

namespace SupportCopilot.Benchmarks;

/// <summary>A deterministic stand-in for an embedding model: words hashed into buckets. Free, so only retrieval is timed.</summary>
internal sealed class HashingEmbedder(int dims) : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var v in values)
        {
            var vector = new float[dims];
            foreach (var w in v.Split(' ')) vector[(w.GetHashCode() & 0x7fffffff) % dims] += 1;
            result.Add(new Embedding<float>(vector));
        }
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
    public void Dispose() { }
}
