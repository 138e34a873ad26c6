using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Memory;
using SupportCopilot.Core.Retrieval;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Eval;

/// <summary>
/// <c>replay --history h --test t</c> (or <c>--tickets f</c>, split by <see cref="ReplayTicket.IsTest"/>): imports the
/// history with its answers into reply memory as the product does, then drafts every test ticket exactly as the product
/// does (extractive, or the configured model chain) and compares the draft with the answer an agent actually sent:
/// cosine similarity of their embeddings, ROUGE-L F1, and how often the nearest remembered ticket shares the test
/// ticket's queue. Beside it: knowledge-only drafts (memory off) and a random history answer of the same queue.
/// </summary>
internal static class ReplayEval
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <param name="Similarity">The nearest remembered ticket's similarity (0: none found): what the reuse threshold compares.</param>
    private sealed record Scored(string Id, string? Language, bool SameQueue, bool Reused, double Similarity, double Cosine, double Rouge,
        double KnowledgeCosine, double KnowledgeRouge, double RandomCosine, double RandomRouge);

    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        List<ReplayTicket> history, test;
        if (o.TryGetValue("tickets", out var all))
        {
            var rows = ReplayTicket.ReadAll(all);
            (history, test) = (rows.Where(t => !ReplayTicket.IsTest(t)).ToList(), rows.Where(ReplayTicket.IsTest).ToList());
        }
        else if (o.TryGetValue("history", out var h) && o.TryGetValue("test", out var t)) (history, test) = (ReplayTicket.ReadAll(h), ReplayTicket.ReadAll(t));
        else return CommandLine.Usage();
        if (o.TryGetValue("limit", out var limit)) test = test.Take(int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (history.Count == 0 || test.Count == 0) { Console.Error.WriteLine("Both the history and the test set need tickets with a body and an answer."); return 2; }

        await using var host = new EvalHost(lexical: o.ContainsKey("lexical"));
        if (o.TryGetValue("docs", out var docs)) await host.IngestAsync(docs);
        else await host.Services.MigrateDatabaseAsync();
        var imported = await host.Get<TriageImport>().ImportAsync("history.jsonl", ReplayTicket.ToImport(history));
        var embedded = (await host.Get<MemoryIndexer>().RunOnceAsync()).Embedded;
        Console.WriteLine($"history: {imported.Answers} answers remembered ({embedded} embedded), {imported.Rejected.Count} refused; test: {test.Count} tickets");

        var embedder = host.Services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
        var memoryOptions = host.Get<IOptions<MemoryOptions>>().Value;
        var random = new Random(42);
        var byQueue = history.GroupBy(t => t.Queue ?? "").ToDictionary(g => g.Key, g => g.ToList());
        var scored = new List<Scored>();
        foreach (var t in test)
        {
            memoryOptions.UseInDrafts = true;
            var draft = await DraftAsync(host, t);
            memoryOptions.UseInDrafts = false;
            var knowledgeOnly = await DraftAsync(host, t);
            var pool = byQueue.GetValueOrDefault(t.Queue ?? "") ?? history;
            var randomAnswer = pool[random.Next(pool.Count)].Answer;
            var nearest = (await host.Get<ReplyMemories>().SearchAsync(TicketQuery.Build(t.Subject, t.Body), top: 1)).FirstOrDefault();
            var vectors = embedder is null ? null
                : (await embedder.GenerateAsync([t.Answer, draft.Text, knowledgeOnly.Text, randomAnswer])).Select(e => e.Vector.ToArray()).ToList();
            double Cos(int i) => vectors is null ? 0 : System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(vectors[0], vectors[i]);
            scored.Add(new Scored(t.Id, t.Language, nearest?.Queue is { } q && q == t.Queue, draft.Kind == DraftKind.Memory, nearest?.Similarity ?? 0,
                Cos(1), TextSimilarity.RougeL(draft.Text, t.Answer), Cos(2), TextSimilarity.RougeL(knowledgeOnly.Text, t.Answer),
                Cos(3), TextSimilarity.RougeL(randomAnswer, t.Answer)));
        }

        Print("all", scored, embedder is not null);
        if (o.ContainsKey("sweep")) Sweep(scored);
        foreach (var g in scored.GroupBy(s => s.Language ?? "?").OrderBy(g => g.Key)) Print(g.Key, g.ToList(), embedder is not null);
        var summary = Summary(scored);
        if (o.TryGetValue("json", out var json))
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new
            {
                configuration = new { memoryOptions.ReuseAbove, memoryOptions.ReuseWhenKnowledgeBelow, embeddings = embedder is not null, docs = docs ?? null },
                history = history.Count, remembered = imported.Answers, summary,
                perLanguage = scored.GroupBy(s => s.Language ?? "?").ToDictionary(g => g.Key, g => Summary(g.ToList())),
                perTicket = scored,
            }, Json));
        if (o.TryGetValue("floor", out var floor) && summary.Rouge < double.Parse(floor, System.Globalization.CultureInfo.InvariantCulture))
        {
            Console.Error.WriteLine($"ROUGE-L {summary.Rouge} is below the floor {floor}.");
            return 1;
        }
        return 0;
    }

    /// <summary>
    /// What each reuse threshold would have given, from one run with every candidate reused (Memory__ReuseAbove=0):
    /// below the threshold the knowledge-only draft stands. Paired against knowledge-only, with a sign test.
    /// </summary>
    private static void Sweep(List<Scored> scored)
    {
        Console.WriteLine("| reuse above | reused | ROUGE-L | cosine | vs knowledge only: wins / losses (p) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var threshold in new[] { 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9 })
        {
            var take = scored.Select(s => s.Reused && s.Similarity >= threshold).ToList();
            var rouge = scored.Select((s, i) => take[i] ? s.Rouge : s.KnowledgeRouge).ToList();
            var cosine = scored.Select((s, i) => take[i] ? s.Cosine : s.KnowledgeCosine).ToList();
            var (wins, losses) = (scored.Where((s, i) => take[i] && s.Rouge > s.KnowledgeRouge + 1e-9).Count(), scored.Where((s, i) => take[i] && s.Rouge < s.KnowledgeRouge - 1e-9).Count());
            Console.WriteLine($"| {threshold:0.00} | {take.Count(x => x):N0} ({take.Average(x => x ? 1.0 : 0):0.000}) | {rouge.Average():0.000} | {cosine.Average():0.000} | " +
                              $"{wins} / {losses} (p={RetrievalCompare.SignTest(wins, losses):0.####}) |");
        }
    }

    /// <summary>A fresh ticket per draft, so the two passes (with and without memory) cannot see each other's drafts.</summary>
    private static async Task<Draft> DraftAsync(EvalHost host, ReplayTicket t)
    {
        var subject = string.IsNullOrWhiteSpace(t.Subject) ? "(no subject)" : t.Subject.Length > NewTicket.MaxSubject ? t.Subject[..NewTicket.MaxSubject] : t.Subject;
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket(subject, t.Body, "replay@example.com"));
        return (await host.Get<DraftingService>().EnsureDraftAsync(ticket.Id))!;
    }

    private sealed record Figures(int Tickets, double Reused, double SameQueue, double Cosine, double Rouge, double KnowledgeCosine, double KnowledgeRouge,
        double RandomCosine, double RandomRouge, int RougeWins, int RougeLosses, double SignP);

    private static Figures Summary(List<Scored> s)
    {
        double Mean(Func<Scored, double> f) => Math.Round(s.Average(f), 3);
        var (wins, losses) = (s.Count(x => x.Rouge > x.KnowledgeRouge + 1e-9), s.Count(x => x.Rouge < x.KnowledgeRouge - 1e-9));
        return new Figures(s.Count, Mean(x => x.Reused ? 1 : 0), Mean(x => x.SameQueue ? 1 : 0), Mean(x => x.Cosine), Mean(x => x.Rouge),
            Mean(x => x.KnowledgeCosine), Mean(x => x.KnowledgeRouge), Mean(x => x.RandomCosine), Mean(x => x.RandomRouge),
            wins, losses, Math.Round(RetrievalCompare.SignTest(wins, losses), 4));
    }

    private static void Print(string name, List<Scored> s, bool embeddings)
    {
        var f = Summary(s);
        Console.WriteLine($"{name,-4} n={f.Tickets,4}  reused {f.Reused:0.000}  nearest same queue {f.SameQueue:0.000}  " +
                          $"ROUGE-L {f.Rouge:0.000} (knowledge only {f.KnowledgeRouge:0.000}, random same queue {f.RandomRouge:0.000}; vs knowledge {f.RougeWins} wins / {f.RougeLosses} losses, p={f.SignP})" +
                          (embeddings ? $"  cosine {f.Cosine:0.000} (knowledge only {f.KnowledgeCosine:0.000}, random {f.RandomCosine:0.000})" : ""));
    }
}
