using System.Text.Json;

namespace SupportCopilot.Eval.Tests;

/// <summary>The eval command end to end on a tiny corpus: ingestion, scoring, JSON report and the baseline gate.</summary>
public sealed class RetrievalEvalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sc-evaltest-").FullName;

    public RetrievalEvalCommandTests()
    {
        var docs = Directory.CreateDirectory(Path.Combine(_dir, "docs")).FullName;
        File.WriteAllText(Path.Combine(docs, "filters.md"), "# Filters\n\nReplace the carbon filter every six months.");
        File.WriteAllText(Path.Combine(docs, "noise.md"), "# Noise\n\nA humming fan at turbo speed is normal.");
        File.WriteAllLines(Path.Combine(_dir, "q.jsonl"),
        [
            """{"question": "how often replace carbon filter", "expected": [{"document": "filters.md"}]}""",
            """{"question": "fan humming turbo", "expected": [{"document": "noise.md"}]}""",
            """{"question": "warranty length", "expected": [{"document": "warranty.md"}]}""",
        ]);
        File.WriteAllText(Path.Combine(_dir, "baselines.json"), """{ "easy": { "recall@5": 0.6 }, "hard": { "recall@5": 0.9 } }""");
    }

    /// <summary>BM25 only (--lexical): these tests check the harness's arithmetic, which needs rankings we can work out by hand.</summary>
    private Task<int> Run(params string[] extra) => RunWithModel(extra.Append("--lexical").ToArray());

    private Task<int> RunWithModel(params string[] extra) => RetrievalEval.RunAsync(CommandLine.Parse(
        new[] { "--docs", Path.Combine(_dir, "docs"), "--questions", Path.Combine(_dir, "q.jsonl"), "--json", Path.Combine(_dir, "out.json") }.Concat(extra)));

    [Fact]
    public async Task ByDefault_RetrievesAsTheProductDoes_WithTheInProcessEmbeddingModel()
    {
        Assert.Equal(0, await RunWithModel());

        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "out.json"))).RootElement;
        Assert.NotEqual("lexical", report.GetProperty("mode").GetString());
        Assert.True(report.GetProperty("recall@5").GetDouble() >= 2 / 3.0);
    }

    [Fact]
    public async Task Run_WritesTheReportWithEveryMetric()
    {
        Assert.Equal(0, await Run());

        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "out.json"))).RootElement;
        Assert.Equal((2, 3, "lexical"), (report.GetProperty("documents").GetInt32(), report.GetProperty("questions").GetInt32(), report.GetProperty("mode").GetString()));
        Assert.Equal(2 / 3.0, report.GetProperty("recall@5").GetDouble(), 3);
        Assert.Equal(2 / 3.0, report.GetProperty("mrr").GetDouble(), 3);
        foreach (var key in new[] { "recall@1", "recall@10", "ndcg@10", "latencyP50Ms", "latencyP95Ms", "calibration" })
            Assert.True(report.TryGetProperty(key, out _), key);
    }

    [Fact]
    public async Task Report_RecordsTheConfigurationAndEveryQuestionsRankAndTopHits()
    {
        Assert.Equal(0, await Run());

        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "out.json"))).RootElement;
        var config = report.GetProperty("configuration");
        Assert.Equal("lexical", config.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, config.GetProperty("embeddingModel").ValueKind);
        Assert.Equal((2, 0, 0), (report.GetProperty("files").GetInt32(), report.GetProperty("duplicates").GetInt32(), report.GetProperty("refused").GetInt32()));
        var questions = report.GetProperty("perQuestion").EnumerateArray().ToList();
        Assert.Equal(3, questions.Count);
        Assert.Equal(1, questions[0].GetProperty("firstRelevantRank").GetInt32());
        Assert.Equal("filters.md", questions[0].GetProperty("top")[0].GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.Null, questions[2].GetProperty("firstRelevantRank").ValueKind); // warranty.md does not exist
    }

    [Fact]
    public async Task Compare_OfTwoReports_PairsTheirQuestions()
    {
        Assert.Equal(0, await Run());
        File.Copy(Path.Combine(_dir, "out.json"), Path.Combine(_dir, "a.json"));
        Assert.Equal(0, RetrievalCompare.Run([Path.Combine(_dir, "a.json"), Path.Combine(_dir, "out.json")]));
        Assert.Equal(2, RetrievalCompare.Run([Path.Combine(_dir, "a.json")]));
    }

    [Fact]
    public async Task Baseline_PassesAtOrAboveTheFloor_FailsBelow()
    {
        Assert.Equal(0, await Run("--baseline", Path.Combine(_dir, "baselines.json"), "--name", "easy"));
        Assert.Equal(1, await Run("--baseline", Path.Combine(_dir, "baselines.json"), "--name", "hard"));
        Assert.Equal(2, await Run("--baseline", Path.Combine(_dir, "baselines.json"), "--name", "unknown"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
