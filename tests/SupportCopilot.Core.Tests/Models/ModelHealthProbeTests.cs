using Microsoft.Extensions.Logging.Abstractions;
using SupportCopilot.Core.Models;

namespace SupportCopilot.Core.Tests.Models;

/// <summary>Health probes against the Ollama and OpenAI protocol fakes (GET /api/tags, GET /v1/models) and a closed port.</summary>
public class ModelHealthProbeTests
{
    private static readonly HttpClient Http = new();

    private static ChatModelOptions Link(string provider, Uri url, string model) =>
        new() { Provider = provider, Endpoint = url, Model = model, TimeoutSeconds = 5, ApiKey = provider == "OpenAI" ? "k" : null };

    [Fact]
    public async Task Ollama_ListsThePulledModel_WithOrWithoutTheLatestTag()
    {
        await using var ollama = await FakeOllama.StartAsync();

        var tagged = await ModelHealthProbe.ProbeAsync(Http, Link("Ollama", ollama.Url, "qwen2.5"), default);
        var missing = await ModelHealthProbe.ProbeAsync(Http, Link("Ollama", ollama.Url, "mistral"), default);

        Assert.Equal((true, true), (tagged.Reachable, tagged.ModelListed));
        Assert.Equal((true, false), (missing.Reachable, missing.ModelListed));
        Assert.Contains("ollama pull", missing.Message);
    }

    [Fact]
    public async Task OpenAi_ListsTheServedModel_AndAServerErrorIsDown()
    {
        await using var vllm = await FakeOpenAi.StartAsync();

        var ok = await ModelHealthProbe.ProbeAsync(Http, Link("OpenAI", vllm.Url, "Qwen/Qwen2.5-7B-Instruct"), default);
        vllm.Status = 503;
        var down = await ModelHealthProbe.ProbeAsync(Http, Link("OpenAI", vllm.Url, "Qwen/Qwen2.5-7B-Instruct"), default);

        Assert.Equal((true, true), (ok.Reachable, ok.ModelListed));
        Assert.Equal((false, "HTTP 503"), (down.Reachable, down.Message));
    }

    [Fact]
    public async Task ClosedPort_IsUnreachable()
    {
        var result = await ModelHealthProbe.ProbeAsync(Http, Link("Ollama", new Uri($"http://127.0.0.1:{FreePort.Next()}/"), "qwen2.5"), default);

        Assert.False(result.Reachable);
        Assert.StartsWith("unreachable", result.Message);
    }

    [Fact]
    public async Task ProbingTheChain_SkipsADownServerWithoutCallingIt_AndUsesItAgainOnceItIsBack()
    {
        await using var first = await FakeOllama.StartAsync();
        await using var second = await FakeOllama.StartAsync();
        first.ChatReply = second.ChatReply = _ => "Hold the Filter button [1].";
        var chain = new ModelChain([(Link("Ollama", first.Url, "qwen2.5"), new OllamaSharp.OllamaApiClient(first.Url, "qwen2.5")),
            (Link("Ollama", second.Url, "llama3.1:8b"), new OllamaSharp.OllamaApiClient(second.Url, "llama3.1:8b"))], TimeProvider.System);
        using var probe = new ModelHealthProbe(chain, Http, TimeSpan.FromMilliseconds(100), NullLogger<ModelHealthProbe>.Instance);
        first.ChatStatus = 500; // /api/tags fails too: the server is down

        await probe.StartAsync(default);
        await WaitUntilAsync(() => chain.Status()[0].CircuitOpen);
        var whileDown = await chain.CompleteAsync([new(Microsoft.Extensions.AI.ChatRole.User, "hi")], _ => null, default);
        first.ChatStatus = null;
        await WaitUntilAsync(() => !chain.Status()[0].CircuitOpen);
        var afterwards = await chain.CompleteAsync([new(Microsoft.Extensions.AI.ChatRole.User, "hi")], _ => null, default);
        await probe.StopAsync(default);

        Assert.Equal("llama3.1:8b", whileDown.Model);
        Assert.Equal("circuit open after repeated failures", Assert.Single(whileDown.Fallbacks).Reason);
        Assert.Equal("qwen2.5", afterwards.Model);
        Assert.Single(first.ChatRequests); // only the call after it came back: no call was wasted on the down server
        Assert.Equal((true, true), (chain.Status()[0].Probe!.Reachable, chain.Status()[1].Probe!.ModelListed));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }
}
