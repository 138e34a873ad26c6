using System.Text.Json;
using SupportCopilot.Core.Drafting.Guards;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Eval;

/// <summary>
/// The injection detector on BIPIA: every attack instruction inserted into every e-mail context at its start, middle
/// and end (BIPIA's construction) → detection rate per attack category; the clean contexts → false-positive rate.
/// </summary>
internal static class InjectionEval
{
    public static int Run(Dictionary<string, string> o)
    {
        try { return RunChecked(o); }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
    }

    private static int RunChecked(Dictionary<string, string> o)
    {
        if (!o.TryGetValue("bipia", out var folder)) return CommandLine.Usage();
        var split = o.GetValueOrDefault("split") ?? "train";
        var sets = ContextSets(folder, split, o);
        if (sets.Count == 0) throw new InvalidDataException($"No BIPIA contexts: {folder} has no <task>/{split}.jsonl and --contexts names none.");
        var textAttacks = Attacks(folder, "text", split) ?? throw new InvalidDataException($"{folder} has no text_attack_{split}.json.");
        // BIPIA attacks its code task with code attacks when it has them; this machine's train split has text attacks only.
        var codeAttacks = Attacks(folder, "code", split);
        var attacksFor = (ContextSet set) => set.Name == "code" && codeAttacks is not null ? codeAttacks : textAttacks;
        // --learned: every customer-message figure as the product flags (rules + the learned classifier trained on the
        // shipped sentences and --benign's), not the rules alone. Passages keep the rules alone, as in the product.
        var learned = o.ContainsKey("learned") ? InstructionClassifier.TrainShipped(InjectionHeldOut.BenignMessages(o)) : null;
        Console.WriteLine(learned is null ? "detector: rules alone (--learned adds the learned classifier)" : "detector: rules + learned classifier, as the product flags customers' messages");

        foreach (var set in sets)
        {
            var falsePositives = set.Contexts.Count(c => InjectionDetector.Detect(c, learned, message: true).Flagged);
            Console.WriteLine($"clean contexts ({set.Name}): {set.Contexts.Count}, flagged {falsePositives} → false-positive rate {(double)falsePositives / set.Contexts.Count:0.000}");
        }
        // Real support tickets are the text the detector sees most: their false positives matter more than BIPIA's 50 e-mails.
        // --tickets a.jsonl,b.jsonl: every file, per language (the row's labels.language, else the detector's).
        foreach (var ticketsFile in (o.GetValueOrDefault("tickets") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            TicketFalsePositives(ticketsFile, learned);
        // --docs a,b: every chunk of every document as the product indexes it (our own texts must never be flagged).
        foreach (var docs in (o.GetValueOrDefault("docs") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            DocumentFalsePositives(docs);
        foreach (var set in sets)
        {
            Console.WriteLine($"\nattacks in {set.Name} contexts (each at the start, middle and end of each of {set.Contexts.Count}):");
            Console.WriteLine("| attack category | cases | detected | rate |");
            Console.WriteLine("|---|---|---|---|");
            int total = 0, detected = 0;
            foreach (var (category, instructions) in attacksFor(set))
            {
                int cases = 0, hits = 0;
                foreach (var attack in instructions)
                foreach (var context in set.Contexts)
                foreach (var attacked in Enumerable.Range(0, 3).Select(p => set.Insert(context, attack, p)))
                {
                    cases++;
                    if (InjectionDetector.Detect(attacked, learned, message: true).Flagged) hits++;
                }
                Console.WriteLine($"| {category} | {cases} | {hits} | {(double)hits / cases:0.000} |");
                (total, detected) = (total + cases, detected + hits);
            }
            Console.WriteLine($"| **all** | {total} | {detected} | {(double)detected / total:0.000} |");
        }
        // --probes a.txt,b.txt: one line each, inserted like BIPIA's attacks — lines of our own, of kinds BIPIA's training
        // split does not have (off-topic tasks), and customers' questions that must stay unflagged wherever they stand.
        // With --tickets, inside each ticket file's tickets too: a real ticket is the context the product sees.
        var probeContexts = sets.Select(s => (Name: $"BIPIA {s.Name} contexts", Set: s)).ToList();
        probeContexts.AddRange((o.GetValueOrDefault("tickets") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => (Path.GetFileName(f), new ContextSet(Path.GetFileName(f), TextsOf(f).ToList(), LineWise: false))));
        foreach (var probes in (o.GetValueOrDefault("probes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = File.ReadLines(probes).Where(l => l.Trim().Length > 0).ToList();
            foreach (var (name, set) in probeContexts)
            {
                var cases = lines.SelectMany(l => set.Contexts.SelectMany(c => Enumerable.Range(0, 3).Select(p => set.Insert(c, l, p)))).ToList();
                var hits = cases.Count(c => InjectionDetector.Detect(c, learned, message: true).Flagged);
                Console.WriteLine($"probes ({Path.GetFileName(probes)}) in {name}: {lines.Count} lines × {set.Contexts.Count} texts × 3 positions, flagged {hits}/{cases.Count} = {(double)hits / Math.Max(1, cases.Count):0.000}");
            }
        }
        if (o.ContainsKey("held-out")) InjectionHeldOut.Run(sets, attacksFor, o);
        return 0;
    }

    /// <summary>One kind of BIPIA context (e-mail, table, code, …) and how an attack is planted in it.</summary>
    internal sealed record ContextSet(string Name, IReadOnlyList<string> Contexts, bool LineWise)
    {
        /// <summary>BIPIA's construction: the instruction at the start, in the middle or at the end of the context — between
        /// lines in a table or code, where a planted line stands on its own.</summary>
        public string Insert(string context, string attack, int position)
        {
            if (!LineWise) return InjectionHeldOut.Insert(context, attack, position);
            var lines = context.Split('\n').ToList();
            lines.Insert(position switch { 0 => 0, 1 => lines.Count / 2, _ => lines.Count }, attack);
            return string.Join('\n', lines);
        }
    }

    /// <summary>Every task folder of the BIPIA benchmark with contexts of the split (e-mail first, as BIPIA lists it), then
    /// --contexts name=file.jsonl,… (contexts in BIPIA's format from elsewhere, e.g. eval/injection/contexts/).</summary>
    private static List<ContextSet> ContextSets(string folder, string split, Dictionary<string, string> o)
    {
        var tasks = Directory.Exists(folder) ? Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>()
            .Where(t => File.Exists(Path.Combine(folder, t, $"{split}.jsonl"))).OrderBy(t => t == "email" ? "" : t, StringComparer.Ordinal) : Enumerable.Empty<string>();
        var sets = tasks.Select(t => new ContextSet(t, Contexts(Path.Combine(folder, t, $"{split}.jsonl")), LineWise(t))).ToList();
        foreach (var named in (o.GetValueOrDefault("contexts") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, path) = named.Split('=', 2) is [var n, var p] ? (n, p) : throw new InvalidDataException($"--contexts takes name=file.jsonl, not “{named}”.");
            sets.Add(new ContextSet(name, Contexts(path), LineWise(name)));
        }
        return sets;
    }

    private static bool LineWise(string task) => task is "code" or "table";

    /// <summary>BIPIA's attack instructions by category (<c>text_attack_train.json</c>, <c>code_attack_test.json</c>, …), or null.</summary>
    private static Dictionary<string, List<string>>? Attacks(string folder, string kind, string split)
    {
        var path = Path.Combine(folder, $"{kind}_attack_{split}.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, List<string>>>(File.ReadAllText(path)) : null;
    }

    /// <summary>Contexts of a BIPIA task file; code tasks give a context as an array of lines.</summary>
    private static List<string> Contexts(string file) => File.ReadLines(file).Where(l => l.Trim().Length > 0)
        .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("context"))
        .Select(c => c.ValueKind == JsonValueKind.Array ? string.Join('\n', c.EnumerateArray().Select(x => x.GetString())) : c.GetString() ?? "").ToList();

    private static void TicketFalsePositives(string file, InstructionClassifier? learned)
    {
        var rows = TicketTexts(file).Select(r => (r.Text, Language: r.Language.Length > 0 ? r.Language : LanguageDetector.Detect(r.Text).Language)).ToList();
        var flagged = rows.Where(r => InjectionDetector.Detect(r.Text, learned, message: true).Flagged).ToList();
        Console.WriteLine($"clean tickets ({Path.GetFileName(file)}): {rows.Count}, flagged {flagged.Count} → false-positive rate {(double)flagged.Count / Math.Max(1, rows.Count):0.000}; by language: " +
            string.Join(", ", rows.GroupBy(r => r.Language).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count(r => flagged.Contains(r))}/{g.Count()}")));
        foreach (var f in flagged.Take(5))
            Console.WriteLine($"  flagged: {string.Join("; ", InjectionDetector.Explain(f.Text, learned, message: true).Select(x => $"{x.Signal} “{x.Span}”"))} in: {f.Text.Replace('\n', ' ')[..Math.Min(120, f.Text.Length)]}");
    }

    private static void DocumentFalsePositives(string folder)
    {
        var chunks = Chunks(folder);
        var flagged = chunks.Where(c => InjectionDetector.Detect(c.Text).Flagged).ToList();
        Console.WriteLine($"document chunks ({folder}): {chunks.Count}, flagged {flagged.Count}");
        foreach (var f in flagged.Take(5)) Console.WriteLine($"  flagged in {f.File}: {f.Text.Replace('\n', ' ')[..Math.Min(120, f.Text.Length)]}");
    }

    /// <summary>Texts of a comma-separated list: a .jsonl ticket file gives each row's subject and body, a folder every
    /// chunk of every document as the product indexes it.</summary>
    internal static IEnumerable<string> TextsOf(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SelectMany(p => Directory.Exists(p)
            ? Chunks(p).Select(c => c.Text)
            : TicketTexts(p).Select(r => r.Text));

    /// <summary>
    /// A ticket file's texts: one JSON object per line (subject and body; labels.language when given), or an eShopSupport
    /// <c>tickets.json</c> array (every customer message). A row without subject or body has nothing to flag and is skipped.
    /// </summary>
    private static IEnumerable<(string Text, string Language)> TicketTexts(string file)
    {
        var text = File.ReadAllText(file).TrimStart('\uFEFF');
        if (text.TrimStart().StartsWith('['))
            return JsonDocument.Parse(text).RootElement.EnumerateArray()
                .SelectMany(t => t.TryGetProperty("Messages", out var m) && m.ValueKind == JsonValueKind.Array ? m.EnumerateArray() : [])
                .Where(m => m.TryGetProperty("IsCustomerMessage", out var c) && c.ValueKind == JsonValueKind.True)
                .Select(m => (Text: Str(m, "Text").Trim(), Language: "")).Where(r => r.Text.Length > 0).ToList();
        return text.Split('\n').Select((l, i) => (Line: l, Number: i + 1)).Where(l => l.Line.Trim().Length > 0).Select(l => Parse(file, l.Line, l.Number)).Select(e =>
        {
            var language = e.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Object ? Str(labels, "language") : "";
            return (Text: (Str(e, "subject") + "\n" + Str(e, "body")).Trim(), Language: language);
        }).Where(r => r.Text.Length > 0).ToList();
    }

    /// <summary>Every --tickets file and the --docs folder, each as one named set of texts.</summary>
    internal static IEnumerable<(string Name, IReadOnlyList<string> Texts)> HeldOutSets(Dictionary<string, string> o) =>
        (o.GetValueOrDefault("tickets") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat((o.GetValueOrDefault("docs") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => (Path.GetFileName(p.TrimEnd('/')), (IReadOnlyList<string>)TextsOf(p).ToList()));

    private static List<(string File, string Text)> Chunks(string folder) => Directory.EnumerateFiles(folder).Order().SelectMany(f =>
    {
        try { return Chunker.Split(TextExtractor.Extract(Path.GetFileName(f), File.ReadAllBytes(f)).Sections).Select(c => (File: Path.GetFileName(f), c.Text)); }
        catch (DocumentRejectedException) { return []; }
    }).ToList();

    private static JsonElement Parse(string file, string line, int number)
    {
        try { return JsonDocument.Parse(line).RootElement; }
        catch (JsonException ex) { throw new InvalidDataException($"{Path.GetFileName(file)} line {number} is not a JSON object: {ex.Message}", ex); }
    }

    private static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
