using Microsoft.Extensions.AI;

namespace SupportCopilot.Core.Knowledge;

/// <summary>
/// `Models:Embedding:0..N`: the same embedding model on several servers (an Ollama and a vLLM, two replicas), tried
/// in order with each link's timeout and a circuit breaker (3 failures in a row → skipped for 30 s). Every link must
/// name the same model: vectors of two different models live in different spaces, and mixing them in one index would
/// silently rank nonsense. When every link fails the last error is thrown, and callers fall back as they already do
/// (retrieval goes lexical, ingestion records the embedding error and keeps the document searchable).
/// </summary>
public sealed class EmbeddingChain(IReadOnlyList<(string Name, int TimeoutSeconds, IEmbeddingGenerator<string, Embedding<float>> Generator)> links, TimeProvider clock)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Models.CircuitBreaker _circuits = new(clock);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values as IReadOnlyCollection<string> ?? values.ToList(); // enumerated once per link
        Exception? last = null;
        for (var i = 0; i < links.Count; i++)
        {
            if (_circuits.IsOpen(links[i].Name) && i < links.Count - 1) continue; // the last link is always tried: better a slow answer than none
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(links[i].TimeoutSeconds));
            try
            {
                var result = await links[i].Generator.GenerateAsync(inputs, options, timeout.Token);
                _circuits.Record(links[i].Name, success: true);
                return result;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsModelFailure(ex))
            {
                _circuits.Record(links[i].Name, success: false);
                last = ex is OperationCanceledException ? new TimeoutException($"{links[i].Name} timed out after {links[i].TimeoutSeconds} s", ex) : ex;
            }
        }
        throw last ?? new InvalidOperationException("No embedding server is configured.");
    }

    /// <summary>What a model server that is down, slow or talking nonsense throws (not a bug in our code).</summary>
    public static bool IsModelFailure(Exception ex) => ex is OperationCanceledException or TimeoutException or HttpRequestException
        or System.ClientModel.ClientResultException or InvalidOperationException or System.Text.Json.JsonException or IOException;

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : links[0].Generator.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        foreach (var link in links) link.Generator.Dispose();
    }
}
