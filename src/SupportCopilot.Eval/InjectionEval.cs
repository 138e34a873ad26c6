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
        var contexts = Contexts(folder, "email");
        var attacks = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(File.ReadAllText(Path.Combine(folder, "text_attack_train.json")))!;

        var falsePositives = contexts.Count(c => InjectionDetector.Detect(c, message: true).Flagged);
        Console.WriteLine($"clean contexts: {contexts.Count}, flagged {falsePositives} → false-positive rate {(double)falsePositives / contexts.Count:0.000}");
        // Real support tickets are the text the detector sees most: their false positives matter more than BIPIA's 50 e-mails.
        // --tickets a.jsonl,b.jsonl: every file, per language (the row's labels.language, else the detector's).
        foreach (var ticketsFile in (o.GetValueOrDefault("tickets") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            TicketFalsePositives(ticketsFile);
        // --docs a,b: every chunk of every document as the product indexes it (our own texts must never be flagged).
        foreach (var docs in (o.GetValueOrDefault("docs") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            DocumentFalsePositives(docs);
        Console.WriteLine("| attack category | cases | detected | rate |");
        Console.WriteLine("|---|---|---|---|");
        int total = 0, detected = 0;
        foreach (var (category, instructions) in attacks)
        {
            int cases = 0, hits = 0;
            foreach (var attack in instructions)
            foreach (var context in contexts)
            foreach (var attacked in Enumerable.Range(0, 3).Select(p => InjectionHeldOut.Insert(context, attack, p)))
            {
                cases++;
                if (InjectionDetector.Detect(attacked, message: true).Flagged) hits++;
            }
            Console.WriteLine($"| {category} | {cases} | {hits} | {(double)hits / cases:0.000} |");
            (total, detected) = (total + cases, detected + hits);
        }
        Console.WriteLine($"| **all** | {total} | {detected} | {(double)detected / total:0.000} |");
        // --probes a.txt,b.txt: one line each, inserted like BIPIA's attacks — lines of our own, of kinds BIPIA's training
        // split does not have (off-topic tasks), and customers' questions that must stay unflagged wherever they stand.
        // With --tickets, inside each ticket file's tickets too: a real ticket is the context the product sees.
        var probeContexts = new List<(string Name, IReadOnlyList<string> Texts)> { ("BIPIA e-mails", contexts) };
        probeContexts.AddRange((o.GetValueOrDefault("tickets") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => (Path.GetFileName(f), (IReadOnlyList<string>)TextsOf(f).ToList())));
        foreach (var probes in (o.GetValueOrDefault("probes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = File.ReadLines(probes).Where(l => l.Trim().Length > 0).ToList();
            foreach (var (name, texts) in probeContexts)
            {
                var cases = lines.SelectMany(l => texts.SelectMany(c => Enumerable.Range(0, 3).Select(p => InjectionHeldOut.Insert(c, l, p)))).ToList();
                var hits = cases.Count(c => InjectionDetector.Detect(c, message: true).Flagged);
                Console.WriteLine($"probes ({Path.GetFileName(probes)}) in {name}: {lines.Count} lines × {texts.Count} texts × 3 positions, flagged {hits}/{cases.Count} = {(double)hits / Math.Max(1, cases.Count):0.000}");
            }
        }
        if (o.ContainsKey("held-out")) InjectionHeldOut.Run(contexts, attacks, o);
        return 0;
    }

    /// <summary>BIPIA's contexts of one task; code tasks give a context as an array of lines.</summary>
    private static List<string> Contexts(string folder, string task) => File.ReadLines(Path.Combine(folder, task, "train.jsonl")).Where(l => l.Trim().Length > 0)
        .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("context"))
        .Select(c => c.ValueKind == JsonValueKind.Array ? string.Join('\n', c.EnumerateArray().Select(x => x.GetString())) : c.GetString() ?? "").ToList();

    private static void TicketFalsePositives(string file)
    {
        var rows = TicketTexts(file).Select(r => (r.Text, Language: r.Language.Length > 0 ? r.Language : LanguageDetector.Detect(r.Text).Language)).ToList();
        var flagged = rows.Where(r => InjectionDetector.Detect(r.Text, message: true).Flagged).ToList();
        Console.WriteLine($"clean tickets ({Path.GetFileName(file)}): {rows.Count}, flagged {flagged.Count} → false-positive rate {(double)flagged.Count / Math.Max(1, rows.Count):0.000}; by language: " +
            string.Join(", ", rows.GroupBy(r => r.Language).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count(r => flagged.Contains(r))}/{g.Count()}")));
        foreach (var f in flagged.Take(5))
            Console.WriteLine($"  flagged: {string.Join("; ", InjectionDetector.Explain(f.Text, message: true).Select(x => $"{x.Signal} “{x.Span}”"))} in: {f.Text.Replace('\n', ' ')[..Math.Min(120, f.Text.Length)]}");
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
