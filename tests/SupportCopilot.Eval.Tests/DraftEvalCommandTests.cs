using System.Text.Json;

namespace SupportCopilot.Eval.Tests;

/// <summary>The draft-completeness command end to end: a procedure whose key step shares no word with the question.</summary>
public sealed class DraftEvalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sc-drafteval-").FullName;

    public DraftEvalCommandTests()
    {
        var docs = Directory.CreateDirectory(Path.Combine(_dir, "docs")).FullName;
        File.WriteAllText(Path.Combine(docs, "errors.md"), """
            # Error E2

            E2 means the purifier cannot detect the filter and the fan does not start.

            1. Switch off and open the back cover.
            2. Remove the plastic bag from the filter.
            3. Push the filter in until it clicks.
            """);
        File.WriteAllLines(Path.Combine(_dir, "q.jsonl"),
        [
            """{"id": "q1", "question": "Error E2\nThe display shows E2 and the fan does not start.", "expected": [{"document": "errors.md"}], "mustContain": ["Remove the plastic bag", "until it clicks"]}""",
            """{"id": "q2", "question": "Error E2\nThe fan does not start.", "expected": [{"document": "errors.md"}], "mustContain": ["a sentence that is in no document"]}""",
            """{"id": "q3", "question": "No key sentences marked", "expected": [{"document": "errors.md"}]}""",
        ]);
    }

    [Fact]
    public async Task Draft_ReportsTheShareOfDraftsHoldingEveryKeySentence()
    {
        var code = await DraftEval.RunAsync(CommandLine.Parse(["--docs", Path.Combine(_dir, "docs"), "--questions", Path.Combine(_dir, "q.jsonl"),
            "--json", Path.Combine(_dir, "out.json"), "--lexical"]));

        Assert.Equal(0, code);
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "out.json"))).RootElement;
        Assert.Equal(2, report.GetProperty("questions").GetInt32()); // q3 marks nothing and is left out
        Assert.Equal(0.5, report.GetProperty("completeness").GetDouble());
        var rows = report.GetProperty("perQuestion").EnumerateArray().ToList();
        Assert.True(rows[0].GetProperty("complete").GetBoolean(), rows[0].GetProperty("draft").GetString());
        Assert.Equal("a sentence that is in no document", Assert.Single(rows[1].GetProperty("missing").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Draft_WithoutMarkedQuestions_SaysSo()
    {
        File.WriteAllLines(Path.Combine(_dir, "none.jsonl"), ["""{"question": "Q", "expected": [{"document": "errors.md"}]}"""]);

        Assert.Equal(2, await DraftEval.RunAsync(CommandLine.Parse(["--docs", Path.Combine(_dir, "docs"), "--questions", Path.Combine(_dir, "none.jsonl")])));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
