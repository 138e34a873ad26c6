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
        // Every question with an expected passage is drafted (for calibration); completeness counts those marking key sentences.
        var questions = EvalQuestion.ReadAll(questionsFile).Where(q => q.MustContain is { Count: > 0 } || q.Expected.Count > 0).ToList();
        var marked = questions.Count(q => q.MustContain is { Count: > 0 });
        if (questions.Count == 0) { Console.Error.WriteLine($"No question in {questionsFile} marks its key sentences (mustContain) or an expected passage."); return 2; }

        await using var host = new EvalHost(lexical: o.ContainsKey("lexical"));
        await host.IngestAsync(docs);
        var retriever = host.Get<Retriever>();
        var rows = new List<object>();
        var (complete, unsure) = (0, 0);
        var cited = new List<(double Confidence, double Margin, bool Right)>();
        foreach (var (q, i) in questions.Select((q, i) => (q, i)))
        {
            var lines = q.Question.Split('\n', 2);
            var (subject, body) = (lines[0], lines.Length > 1 ? lines[1] : "");
            var query = TicketQuery.Build(subject, body);
            var found = await retriever.SearchAsync(new SearchRequest(query, 5) { Focus = TicketQuery.Focus(query) });
            var hits = found.Hits;
            // The frame's language as the product detects it: a ticket in another language than the passages is quoted across.
            var draft = ExtractiveDrafter.Compose("Customer", subject, found.Terms(query), hits, DraftCheck.TicketLanguage(subject, body));
            // Calibration's outcome: is the quoted passage ([1]) a relevant one?
            var top = draft.Citations.Count > 0 ? draft.Citations[0].Hit : null;
            var right = top is not null && q.Expected.Count > 0 && RetrievalEval.Relevant(q, top.FileName, top.Page, top.HeadingPath);
            // An escalation quotes nothing: its chip says "no answer found", so it has no place in the calibration.
            if (q.Expected.Count > 0 && top is not null) cited.Add((draft.Confidence, DraftCalibration.MarginOf(hits), right));
            // Where retrieval put a relevant passage (1-based, 0: not in the top 5), to tell a retrieval miss from the drafter's choice.
            var relevantRank = hits.Select((h, k) => RetrievalEval.Relevant(q, h.FileName, h.Page, h.HeadingPath) ? k + 1 : 0).FirstOrDefault(k => k > 0);
            var coverages = hits.Select(h => Math.Round(h.Coverage, 2)).ToList();
            var scores = hits.Select(h => Math.Round(h.Score, 4)).ToList();
            if (draft.Citations.Count == 0) unsure++;
            if (q.MustContain is not { Count: > 0 } keys)
            {
                rows.Add(new { id = q.Id ?? $"#{i + 1}", confidence = draft.Confidence, citedRight = right, relevantRank, coverages, scores, quoted = top?.HeadingPath });
                continue;
            }
            var missing = keys.Where(m => !Normalize(draft.Text).Contains(Normalize(m), StringComparison.Ordinal)).ToList();
            if (missing.Count == 0) complete++;
            rows.Add(new { id = q.Id ?? $"#{i + 1}", complete = missing.Count == 0, missing, confidence = draft.Confidence, citedRight = right, relevantRank, coverages, scores,
                quoted = top?.HeadingPath, draft = draft.Text });
            if (o.ContainsKey("misses") && missing.Count > 0)
                Console.WriteLine($"incomplete {q.Id ?? $"#{i + 1}"}: {subject} → missing \"{string.Join("\", \"", missing)}\"");
        }
        var share = marked == 0 ? (double?)null : Math.Round((double)complete / marked, 3);
        if (marked > 0) Console.WriteLine($"{marked} questions with key sentences: {complete} drafts contain all of them ({share})");
        Console.WriteLine($"{questions.Count} drafts, {unsure} say they are unsure (escalate)");
        var calibration = Calibration(cited.Select(c => (c.Confidence, c.Right)).ToList());
        Console.WriteLine("calibration (draft confidence → share whose quoted passage is relevant): "
            + string.Join(", ", calibration.Select(b => $"{b.Range}: {b.Right}/{b.Drafts}")));
        if (o.TryGetValue("json", out var json))
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new
            {
                questions = questions.Count, marked, complete, completeness = share, unsure, calibration,
                outcomes = cited.Select(c => new { confidence = c.Confidence, margin = Math.Round(c.Margin, 4), right = c.Right }), perQuestion = rows,
            }, Json));
        return 0;
    }

    internal sealed record Bucket(string Range, int Drafts, int Right, double? Share);

    /// <summary>Drafts by confidence band (the product's band edges and finer steps above) and how many quote a relevant passage.</summary>
    internal static List<Bucket> Calibration(IReadOnlyList<(double Confidence, bool Right)> drafts)
    {
        double[] edges = [0, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];
        return edges.Zip(edges.Skip(1)).Select(b =>
        {
            var inside = drafts.Where(d => d.Confidence >= b.First && d.Confidence < b.Second).ToList();
            var right = inside.Count(d => d.Right);
            return new Bucket($"{b.First:0.00}-{Math.Min(1, b.Second):0.00}", inside.Count, right, inside.Count == 0 ? null : Math.Round((double)right / inside.Count, 3));
        }).ToList();
    }

    /// <summary>Case and whitespace do not count: a PDF's line breaks and a quoted step's spacing differ from the marked sentence.</summary>
    internal static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
