using System.ComponentModel.DataAnnotations;

namespace SupportCopilot.Core.Models;

/// <summary>One link of the chat model chain, `Models:Chat:N:*`; the chain is tried in order, then the extractive drafter.</summary>
public sealed class ChatModelOptions
{
    [AllowedValues("Ollama", "OpenAI")] public string Provider { get; set; } = "Ollama";
    [Required] public Uri? Endpoint { get; set; }
    [Required] public string? Model { get; set; }
    /// <summary>For OpenAI-compatible servers that want one; from configuration or environment only.</summary>
    public string? ApiKey { get; set; }
    /// <summary>Generous by default: a CPU-bound open-weight model can take a while for a full reply.</summary>
    [Range(1, 3600)] public int TimeoutSeconds { get; set; } = 120;
    /// <summary>A prompt version for this model only (a `.prompt` file's name); unset: `Drafting:Prompt`.</summary>
    public string? Prompt { get; set; }
}
