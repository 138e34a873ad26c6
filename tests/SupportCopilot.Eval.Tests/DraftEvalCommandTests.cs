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
    public void Calibration_CountsDraftsAndRightQuotesPerConfidenceBand()
    {
        var buckets = DraftEval.Calibration([(0.2, false), (0.55, true), (0.58, false), (0.95, true), (1.0, true)]);

        Assert.Equal(new DraftEval.Bucket("0.00-0.35", 1, 0, 0), buckets[0]);
        Assert.Equal(new DraftEval.Bucket("0.50-0.60", 2, 1, 0.5), buckets[2]);
        Assert.Equal(new DraftEval.Bucket("0.90-1.00", 2, 2, 1), buckets[^1]);
        Assert.Null(buckets[1].Share); // an empty band has no share
    }

    [Fact]
    public async Task Draft_ReportsTheShareOfDraftsHoldingEveryKeySentence()
    {
        var code = await DraftEval.RunAsync(CommandLine.Parse(["--docs", Path.Combine(_dir, "docs"), "--questions", Path.Combine(_dir, "q.jsonl"),
            "--json", Path.Combine(_dir, "out.json"), "--lexical"]));

        Assert.Equal(0, code);
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "out.json"))).RootElement;
        Assert.Equal((3, 2), (report.GetProperty("questions").GetInt32(), report.GetProperty("marked").GetInt32())); // q3 counts for calibration only
        Assert.Equal(0.5, report.GetProperty("completeness").GetDouble());
        // q1 and q2 quote the one relevant document; q3's words are in no document, so it escalates and quotes nothing,
        // which calibration leaves out (its chip says "no answer found")
        var buckets = report.GetProperty("calibration").EnumerateArray().ToList();
        Assert.Equal((2, 2), (buckets.Sum(b => b.GetProperty("drafts").GetInt32()), buckets.Sum(b => b.GetProperty("right").GetInt32())));
        var rows = report.GetProperty("perQuestion").EnumerateArray().ToList();
        Assert.True(rows[0].GetProperty("complete").GetBoolean(), rows[0].GetProperty("draft").GetString());
        Assert.Equal("a sentence that is in no document", Assert.Single(rows[1].GetProperty("missing").EnumerateArray()).GetString());
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("quoted").ValueKind); // q3 escalated
        Assert.Equal(1, rows[0].GetProperty("relevantRank").GetInt32());
    }

    [Fact]
    public async Task Draft_WithoutMarkedOrExpectedQuestions_SaysSo()
    {
        File.WriteAllLines(Path.Combine(_dir, "none.jsonl"), ["""{"question": "Q", "expected": []}"""]);

        Assert.Equal(2, await DraftEval.RunAsync(CommandLine.Parse(["--docs", Path.Combine(_dir, "docs"), "--questions", Path.Combine(_dir, "none.jsonl")])));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
