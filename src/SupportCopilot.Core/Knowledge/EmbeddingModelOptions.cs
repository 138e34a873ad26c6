using System.ClientModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OllamaSharp;
using OpenAI;

namespace SupportCopilot.Core.Knowledge;

/// <summary>
/// The embedding model, `Models:Embedding:0:*`. Unset (no Model) means lexical retrieval only. The drafting issue
/// grows this into an ordered chain with health probes; ingestion needs only the first entry.
/// </summary>
public sealed class EmbeddingModelOptions : IValidatableObject
{
    public const string Section = "Models:Embedding:0";
    [AllowedValues("Ollama", "OpenAI")] public string Provider { get; set; } = "Ollama";
    public Uri? Endpoint { get; set; }
    public string? Model { get; set; }
    public string? ApiKey { get; set; }
    [Range(1, 3600)] public int TimeoutSeconds { get; set; } = 120;

    public bool Configured => !string.IsNullOrWhiteSpace(Model);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Configured && Endpoint is null)
            yield return new ValidationResult($"{Section}:Endpoint is required when {Section}:Model is set.", [nameof(Endpoint)]);
    }
}

public static class EmbeddingRegistration
{
    public static IServiceCollection AddEmbeddings(this IServiceCollection services, IConfiguration config)
    {
        var section = config.GetSection(EmbeddingModelOptions.Section);
        services.AddOptions<EmbeddingModelOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var o = section.Get<EmbeddingModelOptions>() ?? new EmbeddingModelOptions();
        if (o.Configured && o.Endpoint is not null)
        {
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => o.Provider == "OpenAI"
                ? new OpenAI.Embeddings.EmbeddingClient(o.Model, new ApiKeyCredential(o.ApiKey ?? "unused"),
                    new OpenAIClientOptions { Endpoint = o.Endpoint, NetworkTimeout = TimeSpan.FromSeconds(o.TimeoutSeconds) }).AsIEmbeddingGenerator()
                : new OllamaApiClient(new HttpClient { BaseAddress = o.Endpoint, Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds) }, o.Model!));
        }
        return services.AddSingleton<EmbeddingIndexer>();
    }
}
