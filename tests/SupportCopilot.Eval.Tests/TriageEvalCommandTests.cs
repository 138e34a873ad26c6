using System.Text.Json;

namespace SupportCopilot.Eval.Tests;

/// <summary>The triage command: null or missing labels are skipped, coverage at precision and the learning curve are reported.</summary>
public sealed class TriageEvalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sc-triageeval-").FullName;

    private static string Row(string body, string? queue) =>
        JsonSerializer.Serialize(new { subject = "", body, labels = new Dictionary<string, string?> { ["queue"] = queue, ["language"] = "en" } });

    public TriageEvalCommandTests()
    {
        var train = Enumerable.Range(0, 30).SelectMany(i => new[]
        {
            Row($"My invoice {i} shows a double charge on my card", "billing"),
            Row($"The fan makes a loud noise number {i}", "hardware"),
        }).Append(Row("A row whose label is null", null)).Append("""{"subject": "no labels at all", "body": "x"}""");
        File.WriteAllLines(Path.Combine(_dir, "train.jsonl"), train);
        File.WriteAllLines(Path.Combine(_dir, "test.jsonl"),
        [
            Row("I was charged twice on my invoice", "billing"), Row("The fan is noisy", "hardware"),
            Row("Null label in the test file", null), """{"subject": "missing labels", "body": "y"}""",
        ]);
    }

    [Fact]
    public async Task Triage_SkipsNullLabels_AndReportsCoverageAndTheLearningCurve()
    {
        var code = await TriageEval.RunAsync(CommandLine.Parse(["--train", Path.Combine(_dir, "train.jsonl"), "--test", Path.Combine(_dir, "test.jsonl"),
            "--json", Path.Combine(_dir, "out.json"), "--lexical", "--curve"]));

        Assert.Equal(0, code);
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "out.json"))).RootElement;
        var queue = report.GetProperty("queue");
        Assert.Equal(1.0, queue.GetProperty("score").GetProperty("accuracy").GetDouble());
        Assert.Equal(2, queue.GetProperty("coverage").GetProperty("tickets").GetInt32()); // the null-label row is not scored
        Assert.Equal(JsonValueKind.Array, report.GetProperty("queue.learningCurve").ValueKind);
        Assert.Equal(50, report.GetProperty("queue.learningCurve")[0].GetProperty("labelled").GetInt32());
        // Each point is trained as the product trains (its own fit check), so the point with every label is the main figure.
        var all = report.GetProperty("queue.learningCurve").EnumerateArray().Last();
        Assert.Equal(queue.GetProperty("score").GetProperty("macroF1").GetDouble(), all.GetProperty("macroF1").GetDouble());
        Assert.Equal("default", all.GetProperty("neighbourWeight").GetString()); // --lexical: no neighbours to weigh
        // Per language: the rows without labels are not counted there either.
        var english = queue.GetProperty("byLanguage").GetProperty("en");
        Assert.Equal(2, english.GetProperty("tickets").GetInt32());
        Assert.Equal(1.0, english.GetProperty("macroF1").GetDouble());
        Assert.Equal(2, english.GetProperty("coverage").GetProperty("tickets").GetInt32());
        Assert.Equal(1.0, all.GetProperty("macroF1ByLanguage").GetProperty("en").GetDouble());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
