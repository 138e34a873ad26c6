using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Eval;

internal static class RetrievalEval
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        if (!o.TryGetValue("docs", out var docs) || !o.TryGetValue("questions", out var questionsFile)) return CommandLine.Usage();
        var top = int.Parse(o.GetValueOrDefault("top", "10"), CultureInfo.InvariantCulture);
        var questions = EvalQuestion.ReadAll(questionsFile);

        await using var host = new EvalHost(lexical: o.ContainsKey("lexical"));
        var documents = await host.IngestAsync(docs);
        var retriever = host.Get<Retriever>();
        await retriever.SearchAsync(new SearchRequest("warm up", top)); // JIT and SQLite caches out of the latency figures
        var outcomes = new List<QuestionOutcome>();
        var perQuestion = new List<object>();
        string mode = "lexical";
        await using (var db = await host.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var chunks = await db.Chunks.Select(c => new { c.Id, c.Document!.FileName, c.PageStart, c.HeadingPath, c.Text }).ToListAsync();
            if (o.TryGetValue("chunks", out var chunkFile)) // the index as built, one JSON line per chunk, for looking at what ranks
                await File.WriteAllLinesAsync(chunkFile, chunks.Select(c => JsonSerializer.Serialize(c)));
            foreach (var (q, index) in questions.Select((q, i) => (q, i)))
            {
                var watch = Stopwatch.StartNew();
                var result = await retriever.SearchAsync(new SearchRequest(q.Question, top) { Focus = TicketQuery.Focus(q.Question) });
                var ms = watch.Elapsed.TotalMilliseconds;
                mode = result.Mode;
                var ranks = result.Hits.Select((h, i) => (h, rank: i + 1)).Where(x => Relevant(q, x.h.FileName, x.h.Page, x.h.HeadingPath)).Select(x => x.rank).ToList();
                var inCorpus = chunks.Count(c => Relevant(q, c.FileName, c.PageStart, c.HeadingPath));
                outcomes.Add(new QuestionOutcome(q, ranks, inCorpus, ms, result.Confidence));
                perQuestion.Add(new
                {
                    id = q.Id ?? $"#{index + 1}", firstRelevantRank = ranks.Count == 0 ? (int?)null : ranks.Min(), confidence = result.Confidence,
                    top = result.Hits.Select(h => new { h.ChunkId, file = h.FileName, page = h.Page, heading = h.HeadingPath, score = h.Score }),
                });
                if (o.ContainsKey("debug") && !ranks.Contains(1) && result.Hits.Count > 0)
                    Console.WriteLine($"top1 {q.Question.Split('\n')[0]} → {result.Hits[0].FileName} p{result.Hits[0].Page} {result.Hits[0].HeadingPath} | {result.Hits[0].Text.Replace('\n', ' ')[..Math.Min(120, result.Hits[0].Text.Length)]}");
            }
        }

        var report = Report(outcomes, documents, mode, top);
        report["configuration"] = Configuration(host, mode);
        report["perQuestion"] = perQuestion;
        Print(report, outcomes, o.ContainsKey("misses"));
        if (o.TryGetValue("json", out var jsonOut)) await File.WriteAllTextAsync(jsonOut, JsonSerializer.Serialize(report, Json));
        return CheckBaseline(o, report);
    }

    /// <summary>A hit is relevant when it comes from an expected document and, where the expectation names them, its
    /// page and a heading its heading path contains (so a long document can be judged by section, not only by file).</summary>
    internal static bool Relevant(EvalQuestion q, string fileName, int? page, string headingPath) =>
        q.Expected.Any(e => string.Equals(e.Document, fileName, StringComparison.OrdinalIgnoreCase) && (e.Page is null || e.Page == page)
                            && (string.IsNullOrWhiteSpace(e.Heading) || headingPath.Contains(e.Heading.Trim(), StringComparison.OrdinalIgnoreCase)));

    /// <summary>What produced the figures, so two reports can be told apart (and compared) later.</summary>
    private static Dictionary<string, object?> Configuration(EvalHost host, string mode)
    {
        var search = host.Get<Microsoft.Extensions.Options.IOptions<RetrievalOptions>>().Value;
        var embedder = host.Services.GetService(typeof(Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>))
            as Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>;
        var meta = embedder?.GetService(typeof(Microsoft.Extensions.AI.EmbeddingGeneratorMetadata)) as Microsoft.Extensions.AI.EmbeddingGeneratorMetadata;
        return new()
        {
            ["mode"] = mode, ["fusion"] = search.Fusion, ["denseWeight"] = search.DenseWeight, ["rrfK"] = search.RrfK,
            ["candidatePool"] = search.CandidatePool, ["headingWeight"] = search.HeadingWeight, ["passagesPerSection"] = search.PassagesPerSection, ["proximityWeight"] = search.ProximityWeight, ["quantization"] = search.Quantization,
            ["embeddingModel"] = mode == "lexical" ? null : meta?.DefaultModelId ?? "configured",
        };
    }

    private static Dictionary<string, object> Report(List<QuestionOutcome> outcomes, IngestCounts documents, string mode, int top)
    {
        var byLanguage = outcomes.Where(x => x.Question.Language is not null).GroupBy(x => x.Question.Language!)
            .ToDictionary(g => g.Key, g => (object)new { questions = g.Count(), recallAt5 = Round(RetrievalMetrics.RecallAt(g.ToList(), 5)) });
        // Calibration: does a higher confidence mean a more likely right top hit?
        double[] edges = [0, 0.35, 0.6, 0.8, 1.0001];
        var calibration = edges.Zip(edges.Skip(1)).Select(b =>
        {
            var bucket = outcomes.Where(x => x.Confidence >= b.First && x.Confidence < b.Second).ToList();
            return (object)new { range = $"{b.First:0.00}-{Math.Min(1, b.Second):0.00}", questions = bucket.Count, recallAt1 = bucket.Count == 0 ? (double?)null : Round(RetrievalMetrics.RecallAt(bucket, 1)) };
        }).ToList();
        return new Dictionary<string, object>
        {
            ["documents"] = documents.Indexed, ["files"] = documents.Files, ["duplicates"] = documents.Duplicates, ["refused"] = documents.Refused,
            ["questions"] = outcomes.Count, ["mode"] = mode, ["top"] = top,
            ["recall@1"] = Round(RetrievalMetrics.RecallAt(outcomes, 1)), ["recall@5"] = Round(RetrievalMetrics.RecallAt(outcomes, 5)),
            ["recall@10"] = Round(RetrievalMetrics.RecallAt(outcomes, 10)), ["mrr"] = Round(RetrievalMetrics.Mrr(outcomes)),
            ["ndcg@10"] = Round(RetrievalMetrics.NdcgAt(outcomes, 10)),
            ["latencyP50Ms"] = Round(RetrievalMetrics.Percentile(outcomes.Select(x => x.LatencyMs), 50)),
            ["latencyP95Ms"] = Round(RetrievalMetrics.Percentile(outcomes.Select(x => x.LatencyMs), 95)),
            ["byLanguage"] = byLanguage, ["calibration"] = calibration,
        };
    }

    private static void Print(Dictionary<string, object> r, List<QuestionOutcome> outcomes, bool misses)
    {
        Console.WriteLine($"files {r["files"]}: documents {r["documents"]} indexed, {r["duplicates"]} duplicates, {r["refused"]} refused; questions {r["questions"]}, mode {r["mode"]}, top {r["top"]}");
        Console.WriteLine("| recall@1 | recall@5 | recall@10 | MRR | nDCG@10 | p50 ms | p95 ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {r["recall@1"]} | {r["recall@5"]} | {r["recall@10"]} | {r["mrr"]} | {r["ndcg@10"]} | {r["latencyP50Ms"]} | {r["latencyP95Ms"]} |");
        Console.WriteLine("by language: " + JsonSerializer.Serialize(r["byLanguage"]));
        Console.WriteLine("calibration (confidence → recall@1): " + JsonSerializer.Serialize(r["calibration"]));
        if (!misses) return;
        foreach (var m in outcomes.Where(x => !x.RelevantRanks.Any(k => k <= 5)))
            Console.WriteLine($"miss@5 {m.Question.Id}: {m.Question.Question.Split('\n')[0]} → expected {string.Join(", ", m.Question.Expected.Select(e => e.Page is { } p ? $"{e.Document} p{p}" : e.Document))}");
    }

    /// <summary>Fails (exit 1) when recall@5 drops below the stored baseline of the named set.</summary>
    private static int CheckBaseline(Dictionary<string, string> o, Dictionary<string, object> report)
    {
        if (!o.TryGetValue("baseline", out var file) || !o.TryGetValue("name", out var name)) return 0;
        var baselines = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double>>>(File.ReadAllText(file), Json)!;
        if (!baselines.TryGetValue(name, out var baseline)) { Console.Error.WriteLine($"No baseline named {name} in {file}."); return 2; }
        var recall = (double)report["recall@5"];
        var floor = baseline["recall@5"];
        Console.WriteLine($"baseline {name}: recall@5 {recall} vs floor {floor} → {(recall + 1e-9 >= floor ? "ok" : "BELOW")}");
        return recall + 1e-9 >= floor ? 0 : 1;
    }

    private static double Round(double v) => Math.Round(v, 3);
}
