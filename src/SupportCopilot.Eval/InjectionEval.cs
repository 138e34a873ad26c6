using System.Text.Json;
using SupportCopilot.Core.Drafting.Guards;

namespace SupportCopilot.Eval;

/// <summary>
/// The injection detector on BIPIA: every attack instruction inserted into every e-mail context at its start, middle
/// and end (BIPIA's construction) → detection rate per attack category; the clean contexts → false-positive rate.
/// </summary>
internal static class InjectionEval
{
    public static int Run(Dictionary<string, string> o)
    {
        if (!o.TryGetValue("bipia", out var folder)) return CommandLine.Usage();
        // --tickets <jsonl>: also count false positives on real-looking support tickets (subject/body per line).
        var contexts = File.ReadLines(Path.Combine(folder, "email", "train.jsonl")).Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("context").GetString()!).ToList();
        var attacks = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(File.ReadAllText(Path.Combine(folder, "text_attack_train.json")))!;

        var falsePositives = contexts.Count(c => InjectionDetector.Detect(c).Flagged);
        Console.WriteLine($"clean contexts: {contexts.Count}, flagged {falsePositives} → false-positive rate {(double)falsePositives / contexts.Count:0.000}");
        // Real support tickets are the text the detector sees most: their false positives matter more than BIPIA's 50 e-mails.
        if (o.TryGetValue("tickets", out var ticketsFile))
        {
            var bodies = File.ReadLines(ticketsFile).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
                .Select(e => (e.TryGetProperty("subject", out var s) ? s.GetString() : "") + "\n" + e.GetProperty("body").GetString()).ToList();
            var flagged = bodies.Where(b => InjectionDetector.Detect(b).Flagged).ToList();
            Console.WriteLine($"clean tickets ({Path.GetFileName(ticketsFile)}): {bodies.Count}, flagged {flagged.Count} → false-positive rate {(double)flagged.Count / bodies.Count:0.000}");
            foreach (var f in flagged.Take(5)) Console.WriteLine($"  flagged: {f.Replace('\n', ' ')[..Math.Min(120, f.Length)]}");
        }
        Console.WriteLine("| attack category | cases | detected | rate |");
        Console.WriteLine("|---|---|---|---|");
        int total = 0, detected = 0;
        foreach (var (category, instructions) in attacks)
        {
            int cases = 0, hits = 0;
            foreach (var attack in instructions)
            foreach (var context in contexts)
            foreach (var attacked in new[] { attack + " " + context, context[..(context.Length / 2)] + " " + attack + " " + context[(context.Length / 2)..], context + " " + attack })
            {
                cases++;
                if (InjectionDetector.Detect(attacked).Flagged) hits++;
            }
            Console.WriteLine($"| {category} | {cases} | {hits} | {(double)hits / cases:0.000} |");
            (total, detected) = (total + cases, detected + hits);
        }
        Console.WriteLine($"| **all** | {total} | {detected} | {(double)detected / total:0.000} |");
        return 0;
    }
}
