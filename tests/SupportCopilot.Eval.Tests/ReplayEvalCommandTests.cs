using System.Text.Json;

namespace SupportCopilot.Eval.Tests;

/// <summary>The replay command end to end on a fixture small enough to compute its figures by hand.</summary>
public sealed class ReplayEvalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sc-replay-").FullName;

    public ReplayEvalCommandTests()
    {
        File.WriteAllLines(Path.Combine(_dir, "history.jsonl"),
        [
            """{"id": "h1", "subject": "Blender stops after a second", "body": "My blender stops after one second every time I switch it on.", "answer": "Turn the jar clockwise until it clicks.", "labels": {"queue": "Tech", "language": "en"}}""",
            """{"id": "h2", "subject": "Invoice address wrong", "body": "The invoice shows my old address.", "answer": "Update the address under Account, then download the invoice again.", "labels": {"queue": "Billing", "language": "en"}}""",
            """{"id": "h3", "subject": "Nothing answered", "body": "A row without an answer is not history."}""",
        ]);
        File.WriteAllLines(Path.Combine(_dir, "test.jsonl"),
        [
            """{"id": "t1", "subject": "Blender stops after a second", "body": "The blender stops after one second when I switch it on.", "answer": "Turn the jar clockwise until it clicks.", "labels": {"queue": "Tech", "language": "en"}}""",
            """{"id": "t2", "subject": "Ventilador ruidoso", "body": "El ventilador hace un ruido extraño por la noche.", "answer": "Limpie el ventilador con un paño seco.", "labels": {"queue": "Tech", "language": "es"}}""",
        ]);
    }

    [Fact]
    public async Task Replay_DraftsFromMemory_AndComparesWithTheAnswersActuallySent()
    {
        var code = await ReplayEval.RunAsync(CommandLine.Parse(["--history", Path.Combine(_dir, "history.jsonl"), "--test", Path.Combine(_dir, "test.jsonl"),
            "--json", Path.Combine(_dir, "out.json"), "--lexical"]));

        Assert.Equal(0, code);
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "out.json"))).RootElement;
        Assert.Equal((2, 2), (report.GetProperty("history").GetInt32(), report.GetProperty("remembered").GetInt32())); // h3 has no answer
        var rows = report.GetProperty("perTicket").EnumerateArray().ToList();
        // t1: the remembered reply to h1 is reused whole, and it is exactly what the agent sent: ROUGE-L 1.
        Assert.True(rows[0].GetProperty("reused").GetBoolean());
        Assert.Equal(1.0, rows[0].GetProperty("rouge").GetDouble(), 3);
        Assert.True(rows[0].GetProperty("sameQueue").GetBoolean());
        // The random baseline draws from the same queue: only h1 is "Tech", so it is h1's answer for both.
        Assert.Equal(1.0, rows[0].GetProperty("randomRouge").GetDouble(), 3);
        // "Turn the jar clockwise until it clicks." against "Limpie el ventilador con un paño seco.": no word in common.
        Assert.Equal(0.0, rows[1].GetProperty("randomRouge").GetDouble(), 3);
        // t2 shares no word with the history: nothing to reuse, the knowledge-only draft (an escalation) stands.
        Assert.False(rows[1].GetProperty("reused").GetBoolean());
        Assert.Equal(rows[1].GetProperty("knowledgeRouge").GetDouble(), rows[1].GetProperty("rouge").GetDouble(), 6);
        var summary = report.GetProperty("summary");
        Assert.Equal(0.5, summary.GetProperty("reused").GetDouble());
        Assert.Equal((1, 0), (summary.GetProperty("rougeWins").GetInt32(), summary.GetProperty("rougeLosses").GetInt32()));
        Assert.Equal(["en", "es"], report.GetProperty("perLanguage").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Replay_BelowTheFloor_Fails_AndWithoutFiles_ShowsUsage()
    {
        Assert.Equal(1, await ReplayEval.RunAsync(CommandLine.Parse(["--history", Path.Combine(_dir, "history.jsonl"), "--test", Path.Combine(_dir, "test.jsonl"),
            "--lexical", "--floor", "0.99"])));
        Assert.Equal(2, await ReplayEval.RunAsync(CommandLine.Parse(["--history", Path.Combine(_dir, "history.jsonl")])));
    }

    [Theory]
    [InlineData("the cat on the mat", "the cat sat on the mat", 10.0 / 11)] // LCS 5: precision 5/5, recall 5/6
    [InlineData("Update the router firmware.", "Turn the jar clockwise until it clicks.", 2.0 / 11)] // LCS 1 ("the"): 1/4 and 1/7
    [InlineData("", "anything", 0.0)]
    public void RougeL_IsTheF1OfTheLongestCommonSubsequence(string candidate, string reference, double expected)
    {
        Assert.Equal(expected, TextSimilarity.RougeL(candidate, reference), 6);
    }

    [Fact]
    public void Split_PutsEveryFifthIdInTheTestSet()
    {
        ReplayTicket T(string id) => new(id, "s", "b", "a", null, null);
        Assert.Equal([true, false, true, false], new[] { T("ml4-10"), T("ml4-11"), T("15"), T("no-number") }.Select(ReplayTicket.IsTest));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
