using System.Text;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Models;

/// <summary>The OpenAI-compatible provider (vLLM, llama.cpp server) in the chain, against a protocol fake.</summary>
public class OpenAiProviderTests
{
    private static Dictionary<string, string?> Chain(Uri openAi, Uri? ollama = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Models:Chat:0:Provider"] = "OpenAI", ["Models:Chat:0:Endpoint"] = openAi.ToString(), ["Models:Chat:0:Model"] = "Qwen/Qwen2.5-7B-Instruct",
            ["Models:Chat:0:ApiKey"] = "vllm-secret", ["Models:Chat:0:TimeoutSeconds"] = "10",
        };
        if (ollama is not null)
            (settings["Models:Chat:1:Provider"], settings["Models:Chat:1:Endpoint"], settings["Models:Chat:1:Model"]) = ("Ollama", ollama.ToString(), "llama3.1");
        return settings;
    }

    private static async Task<Draft> DraftAsync(TestHost host)
    {
        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes("# Filter reset\n\nHold the Filter button for five seconds until you hear a long beep."));
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("Filter reset", "How do I reset the filter light?", "a@example.com"));
        return (await host.Get<DraftingService>().EnsureDraftAsync(ticket.Id))!;
    }

    [Fact]
    public async Task OpenAiCompatibleServer_WritesTheDraft()
    {
        await using var vllm = await FakeOpenAi.StartAsync();
        await using var host = await TestHost.StartAsync(settings: Chain(vllm.Url));

        var draft = await DraftAsync(host);

        Assert.Equal((DraftKind.Model, "Qwen/Qwen2.5-7B-Instruct", 120L, 12L), (draft.Kind, draft.Model, draft.InputTokens, draft.OutputTokens));
        Assert.Contains("[1]", draft.Text);
        Assert.Empty(vllm.ProtocolErrors);
        Assert.Equal("Bearer vllm-secret", Assert.Single(vllm.Authorization));
        Assert.Equal("system", Assert.Single(vllm.Requests)["messages"]![0]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenAiServerFailing_FallsBackToOllama()
    {
        await using var vllm = await FakeOpenAi.StartAsync();
        vllm.Status = 500;
        await using var ollama = await FakeOllama.StartAsync();
        await using var host = await TestHost.StartAsync(settings: Chain(vllm.Url, ollama.Url));

        var draft = await DraftAsync(host);

        Assert.Equal("llama3.1", draft.Model);
        Assert.Contains("\"model\":\"Qwen/Qwen2.5-7B-Instruct\",\"reason\":\"HTTP 500\"", draft.Fallbacks);
    }
}
