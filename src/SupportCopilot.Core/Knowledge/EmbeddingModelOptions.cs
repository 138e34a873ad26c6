using System.ClientModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OllamaSharp;
using OpenAI;

namespace SupportCopilot.Core.Knowledge;

/// <summary>
/// The embedding model, `Models:Embedding:0:*`. Unset (no Model) means lexical retrieval only. Further entries
/// `Models:Embedding:1..N` are more servers of the same model, tried in order (<see cref="EmbeddingChain"/>).
/// </summary>
public sealed class EmbeddingModelOptions : IValidatableObject
{
    public const string Section = "Models:Embedding:0";
    /// <summary>Ollama, OpenAI (any compatible server), Local (in-process, no endpoint: all-MiniLM-L6-v2, or snowflake-arctic-embed-xs as Model) or None
    /// (keyword search only: for machines that cannot spare the CPU the in-process model takes while ingesting).</summary>
    [AllowedValues("Ollama", "OpenAI", "Local", "None")] public string Provider { get; set; } = "Ollama";
    public Uri? Endpoint { get; set; }
    public string? Model { get; set; }
    public string? ApiKey { get; set; }
    [Range(1, 3600)] public int TimeoutSeconds { get; set; } = 120;
    /// <summary>Put before every search query; null = the model's own (<see cref="EmbeddingPrompts"/>), "" = none.</summary>
    [MaxLength(200)] public string? QueryPrefix { get; set; }

    public bool Configured => Provider == "Local" || (Provider != "None" && !string.IsNullOrWhiteSpace(Model));

    /// <summary>The model name stored with every vector (re-embedding happens when it changes).</summary>
    public string? EffectiveModel => Provider == "Local" ? Model ?? LocalEmbeddingGenerator.ModelName : Model;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Local is the default provider: an endpoint next to it means the Provider line was forgotten, and the
        // in-process model would silently stand in for the server the operator meant.
        if (Provider == "Local" && Endpoint is not null)
            yield return new ValidationResult($"{Section}:Endpoint is set but {Section}:Provider is Local (the default); set Provider to Ollama or OpenAI to use that server.", [nameof(Provider)]);
        if (Provider == "Local" && Model is not null && !LocalEmbeddingGenerator.Models.Contains(Model))
            yield return new ValidationResult($"{Section}:Model '{Model}' is not an in-process model; with Provider Local choose one of {string.Join(", ", LocalEmbeddingGenerator.Models)}.", [nameof(Model)]);
        if (Configured && Endpoint is null && Provider != "Local")
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
        if (o.Configured && (o.Endpoint is not null || o.Provider == "Local"))
        {
            var links = config.GetSection("Models:Embedding").GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue)
                .Select(c => (Key: c.Key, Options: c.Get<EmbeddingModelOptions>() ?? new EmbeddingModelOptions())).ToList();
            foreach (var (key, link) in links.Skip(1))
            {
                // Vectors of two models cannot share one index: a fallback must be the same model on another server.
                if (!string.Equals(link.EffectiveModel, o.EffectiveModel, StringComparison.Ordinal) || (link.Endpoint is null && link.Provider != "Local"))
                    throw new Models.OptionsValidationError($"Models:Embedding:{key}: a fallback embedding server needs an Endpoint and the same Model as Models:Embedding:0 ('{o.EffectiveModel}'); vectors of different models cannot be mixed.");
            }
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => links.Count == 1 ? Generator(o)
                : new EmbeddingChain(links.Select(l => ($"{l.Options.EffectiveModel}@{l.Options.Endpoint?.Authority ?? "local"}", l.Options.TimeoutSeconds, Generator(l.Options))).ToList(),
                    sp.GetService<TimeProvider>() ?? TimeProvider.System));
        }
        return services.AddSingleton<EmbeddingIndexer>();
    }

    private static IEmbeddingGenerator<string, Embedding<float>> Generator(EmbeddingModelOptions o) => o.Provider == "Local" ? new LocalEmbeddingGenerator(o.EffectiveModel)
        : o.Provider == "OpenAI"
        ? new OpenAI.Embeddings.EmbeddingClient(o.Model, new ApiKeyCredential(o.ApiKey ?? "unused"),
            new OpenAIClientOptions { Endpoint = o.Endpoint, NetworkTimeout = TimeSpan.FromSeconds(o.TimeoutSeconds) }).AsIEmbeddingGenerator()
        : new OllamaApiClient(new HttpClient { BaseAddress = o.Endpoint, Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds) }, o.Model!);
}
