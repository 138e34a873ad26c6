using System.Text.Json;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Eval;

/// <summary>
/// <c>draft --docs … --questions …</c>: builds the no-model draft for every question that marks its key sentences
/// (<c>mustContain</c>) exactly as the product does (ticket query, top-5 retrieval, extractive drafter) and reports the
/// share of drafts that contain every one of them: whether the step that solves the problem made it into the reply.
/// The question's first line is the subject, the rest the body.
/// </summary>
internal static class DraftEval
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        if (!o.TryGetValue("docs", out var docs) || !o.TryGetValue("questions", out var questionsFile)) return CommandLine.Usage();
        var questions = EvalQuestion.ReadAll(questionsFile).Where(q => q.MustContain is { Count: > 0 }).ToList();
        if (questions.Count == 0) { Console.Error.WriteLine($"No question in {questionsFile} marks its key sentences (mustContain)."); return 2; }

        await using var host = new EvalHost(lexical: o.ContainsKey("lexical"));
        await host.IngestAsync(docs);
        var retriever = host.Get<Retriever>();
        var rows = new List<object>();
        var (complete, unsure) = (0, 0);
        foreach (var (q, i) in questions.Select((q, i) => (q, i)))
        {
            var lines = q.Question.Split('\n', 2);
            var (subject, body) = (lines[0], lines.Length > 1 ? lines[1] : "");
            var query = TicketQuery.Build(subject, body);
            var hits = await retriever.SearchAsync(query, top: 5);
            var draft = ExtractiveDrafter.Compose("Customer", subject, QueryTerms.Extract(query), hits);
            var missing = q.MustContain!.Where(m => !Normalize(draft.Text).Contains(Normalize(m), StringComparison.Ordinal)).ToList();
            if (missing.Count == 0) complete++;
            if (draft.Citations.Count == 0) unsure++;
            rows.Add(new { id = q.Id ?? $"#{i + 1}", complete = missing.Count == 0, missing, draft = draft.Text });
            if (o.ContainsKey("misses") && missing.Count > 0)
                Console.WriteLine($"incomplete {q.Id ?? $"#{i + 1}"}: {subject} → missing \"{string.Join("\", \"", missing)}\"");
        }
        var share = Math.Round((double)complete / questions.Count, 3);
        Console.WriteLine($"{questions.Count} questions with key sentences: {complete} drafts contain all of them ({share}); {unsure} drafts say they are unsure");
        if (o.TryGetValue("json", out var json))
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { questions = questions.Count, complete, completeness = share, unsure, perQuestion = rows }, Json));
        return 0;
    }

    /// <summary>Case and whitespace do not count: a PDF's line breaks and a quoted step's spacing differ from the marked sentence.</summary>
    internal static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
