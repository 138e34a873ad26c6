using SupportCopilot.Core.Samples;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Tests.Triage;

/// <summary>ML.NET combined with a chat model's structured triage, against the Ollama /api/chat fake.</summary>
public class TriageWithModelTests
{
    private static async Task<(TestHost Host, FakeOllama Ollama)> StartAsync(Func<string> reply)
    {
        var ollama = await FakeOllama.StartAsync();
        ollama.ChatReply = _ => reply();
        var host = await TestHost.StartAsync(settings: new()
        {
            ["Models:Chat:0:Provider"] = "Ollama", ["Models:Chat:0:Endpoint"] = ollama.Url.ToString(), ["Models:Chat:0:Model"] = "qwen2.5",
        });
        await host.Get<SampleDataSeeder>().SeedAsync(Path.Combine(AppContext.BaseDirectory, "knowledge-samples"));
        return (host, ollama);
    }

    [Fact]
    public async Task ModelAgreeing_RaisesConfidence_Disagreeing_LowersIt()
    {
        const string subject = "Return my purifier";
        const string body = "I bought it two weeks ago and want to return it for a refund.";
        var (host, ollama) = await StartAsync(() => "{}");
        await using var _h = host; await using var _o = ollama;
        var alone = await host.Get<TriageService>().ClassifyAsync(subject, body); // "{}" parses to nothing: ML.NET alone
        Assert.DoesNotContain("qwen2.5", alone.Engine);

        ollama.ChatReply = _ => $$"""{"category": null, "type": "{{alone.Type.Value}}", "priority": "urgent", "sentiment": "neutral", "language": "en"}""";
        var combined = await host.Get<TriageService>().ClassifyAsync(subject, body);

        Assert.EndsWith("+ qwen2.5", combined.Engine);
        Assert.Equal(alone.Type.Value, combined.Type.Value);
        Assert.Equal(Math.Round(1 - (1 - alone.Type.Confidence) * 0.3, 4), combined.Type.Confidence); // agreed
        if (alone.Priority.Value != "urgent")
            Assert.Equal((alone.Priority.Value, Math.Round(alone.Priority.Confidence / 2, 4)), (combined.Priority.Value, combined.Priority.Confidence)); // disagreed
        Assert.Equal(alone.Category, combined.Category); // the model gave no category
        var request = ollama.ChatRequests.Last();
        Assert.NotNull(request["format"]); // a JSON schema constrains the answer
        Assert.Contains("refund/return", request["messages"]![0]!["content"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Sure! The ticket is about a refund.")]
    [InlineData("{\"type\": \"rant\", \"priority\": \"whenever\"}")]
    [InlineData("{\"type\": ")]
    public async Task JunkModelAnswer_IsIgnored_MlNetDecides(string junk)
    {
        var (host, ollama) = await StartAsync(() => junk);
        await using var _h = host; await using var _o = ollama;

        var guess = await host.Get<TriageService>().ClassifyAsync("Refund", "I want my money back for the broken purifier.");

        Assert.StartsWith("ml.net v", guess.Engine);
        Assert.DoesNotContain("qwen2.5", guess.Engine);
    }

    [Theory]
    [InlineData("x", null, "x", 0.8)]
    [InlineData("x", "X", "x", 0.94)]
    [InlineData("x", "y", "x", 0.4)]
    [InlineData(null, "y", "y", 0.6)]
    public void Combine_FollowsTheRules(string? classifier, string? model, string expected, double confidence) =>
        Assert.Equal(new FieldGuess(expected, confidence), TriageService.Combine(new FieldGuess(classifier, classifier is null ? 0 : 0.8), model));
}
