using System.Text.Json;
using SupportCopilot.Core.Drafting.Guards;

namespace SupportCopilot.Eval;

/// <summary>
/// Issue 18.4a: BIPIA figures that say something about attacks the detector has not seen. Leave one category out: the
/// learned classifier is trained on the other fourteen categories' instructions (plus the ordinary sentences of
/// <c>--benign</c>) and tested on the held-out category inserted into every context (e-mail, table, code) at its start,
/// middle and end. The rules were written against all fifteen categories, so their column is an in-sample figure and is
/// labelled so.
/// Leave one position out: training plants the attacks in ordinary messages (never in these contexts) at the other two
/// positions (and alone), and is tested on every attack at the held-out one; the attacks' wording is in-sample there.
/// </summary>
internal static class InjectionHeldOut
{
    private static readonly double[] Thresholds = [0.5, 0.7, 0.8, 0.9, 0.95];
    private static readonly string[] Positions = ["start", "middle", "end"];

    public static void Run(IReadOnlyList<InjectionEval.ContextSet> sets, Func<InjectionEval.ContextSet, Dictionary<string, List<string>>> attacksOf, Dictionary<string, string> o)
    {
        // As the product trains: the shipped sentences plus the deployment's own tickets (--benign stands in for them).
        var own = BenignMessages(o);
        var benign = InstructionClassifier.ShippedBenign();
        var shippedAttacks = InstructionClassifier.ShippedAttacks();
        // Our own attacks written for a category are held out with BIPIA's instructions of that category.
        var ours = InstructionClassifier.ShippedAttacksByCategory();
        // One classifier per held-out category, shared by every kind of context that category is planted in.
        var folds = new Dictionary<string, InstructionClassifier>(StringComparer.Ordinal);
        // --cases FILE: every held-out case's learned score, one line each in a fixed order, for paired comparisons.
        using var cases = o.TryGetValue("cases", out var casesFile) ? new StreamWriter(casesFile) : null;
        foreach (var set in sets) HeldOutFigures(set, attacksOf(set), cases, category => folds.TryGetValue(category.Key, out var c) ? c
            : folds[category.Key] = InstructionClassifier.Train(shippedAttacks.Except(category.Value).Except(ours.GetValueOrDefault(category.Key) ?? []).ToList(), benign, own, Default), benign.Count, own.Count, shippedAttacks.Count);

        // One classifier per held-out position, trained on every shipped attack planted at the other two.
        var byPosition = Enumerable.Range(0, 3).Select(p => InstructionClassifier.Train(shippedAttacks, benign, own, Default, [.. Enumerable.Range(0, 3).Where(q => q != p)])).ToList();
        foreach (var set in sets) PositionFigures(set, attacksOf(set), byPosition);

        // False positives of a classifier trained on every category, on texts it never saw: the clean BIPIA contexts and
        // every --tickets file and --docs chunk (keep these out of --benign for the figure to mean anything).
        var full = InstructionClassifier.TrainShipped(own);
        Console.WriteLine("\nfalse positives of the learned classifier (trained on all categories) on held-out ordinary text:");
        Console.WriteLine("| set | texts | " + string.Join(" | ", Thresholds.Select(t => $"≥{t}")) + " |");
        Console.WriteLine("|---|---|" + string.Concat(Thresholds.Select(_ => "---|")));
        foreach (var set in sets) PrintFalsePositives($"BIPIA clean {set.Name} contexts", set.Contexts, full);
        foreach (var (name, texts) in InjectionEval.HeldOutSets(o)) PrintFalsePositives(name, texts, full);
    }

    private static void HeldOutFigures(InjectionEval.ContextSet set, Dictionary<string, List<string>> attacks, StreamWriter? caseLog,
        Func<KeyValuePair<string, List<string>>, InstructionClassifier> trainedWithout, int benign, int own, int shipped)
    {
        Console.WriteLine($"\nleave-one-category-out, {set.Name} contexts: {attacks.Count} folds, ordinary training sentences {benign} shipped + the sentences of {own} messages from --benign (none of the BIPIA contexts), attack sentences {shipped} shipped minus the held-out category's (BIPIA's and ours)");
        // [threshold, position] → (cases, learned hits, either hits)
        var byPosition = new (int Cases, int Learned, int Either)[Thresholds.Length, 3];
        Console.WriteLine("| held-out category | cases | rules (in-sample) | " + string.Join(" | ", Thresholds.Select(t => $"learned ≥{t}")) + $" | rules or learned ≥{Default} |");
        Console.WriteLine("|---|---|---|" + string.Concat(Thresholds.Select(_ => "---|")) + "---|");
        int allCases = 0, allRules = 0; var allLearned = new int[Thresholds.Length]; var allEither = 0;
        foreach (var category in attacks)
        {
            var classifier = trainedWithout(category);
            int cases = 0, rules = 0, either = 0; var learned = new int[Thresholds.Length];
            foreach (var (attack, a) in category.Value.Select((x, i) => (x, i)))
            foreach (var (context, c) in set.Contexts.Select((x, i) => (x, i)))
                for (var p = 0; p < 3; p++)
                {
                    var text = set.Insert(context, attack, p);
                    var ruled = InjectionDetector.DetectByRules(text, message: true);
                    var score = classifier.Strongest(text).Score;
                    caseLog?.WriteLine(FormattableString.Invariant($"{set.Name}\t{category.Key}\t{a}\t{c}\t{Positions[p]}\t{score:0.0000}"));
                    cases++;
                    if (ruled) rules++;
                    for (var t = 0; t < Thresholds.Length; t++)
                    {
                        var hit = score >= Thresholds[t];
                        if (hit) learned[t]++;
                        byPosition[t, p].Cases++;
                        if (hit) byPosition[t, p].Learned++;
                        if (hit || ruled) byPosition[t, p].Either++;
                    }
                    if (ruled || score >= Default) either++;
                }
            Console.WriteLine($"| {category.Key} | {cases} | {Rate(rules, cases)} | " + string.Join(" | ", learned.Select(l => Rate(l, cases))) + $" | {Rate(either, cases)} |");
            allCases += cases; allRules += rules; allEither += either;
            for (var t = 0; t < Thresholds.Length; t++) allLearned[t] += learned[t];
        }
        Console.WriteLine($"| **all** | {allCases} | {Rate(allRules, allCases)} | " + string.Join(" | ", allLearned.Select(l => Rate(l, allCases))) + $" | {Rate(allEither, allCases)} |");

        Console.WriteLine($"\nper position, {set.Name} contexts (the category folds above: training planted the other categories at every position, in ordinary messages):");
        Console.WriteLine("| position | " + string.Join(" | ", Thresholds.Select(t => $"learned ≥{t}")) + " | " + string.Join(" | ", Thresholds.Select(t => $"rules or ≥{t}")) + " |");
        Console.WriteLine("|---|" + string.Concat(Thresholds.Select(_ => "---|---|")));
        for (var p = 0; p < 3; p++)
            Console.WriteLine($"| {Positions[p]} | " + string.Join(" | ", Enumerable.Range(0, Thresholds.Length).Select(t => Rate(byPosition[t, p].Learned, byPosition[t, p].Cases)))
                + " | " + string.Join(" | ", Enumerable.Range(0, Thresholds.Length).Select(t => Rate(byPosition[t, p].Either, byPosition[t, p].Cases))) + " |");
    }

    private static void PositionFigures(InjectionEval.ContextSet set, Dictionary<string, List<string>> attacks, IReadOnlyList<InstructionClassifier> withoutPosition)
    {
        Console.WriteLine($"\nleave-one-position-out, {set.Name} contexts (trained on every shipped attack planted at the other two positions; the wording is in-sample):");
        Console.WriteLine("| held-out position | cases | " + string.Join(" | ", Thresholds.Select(t => $"learned ≥{t}")) + " |");
        Console.WriteLine("|---|---|" + string.Concat(Thresholds.Select(_ => "---|")));
        for (var p = 0; p < 3; p++)
        {
            var scores = attacks.Values.SelectMany(a => a).SelectMany(attack => set.Contexts.Select(context => withoutPosition[p].Strongest(set.Insert(context, attack, p)).Score)).ToList();
            Console.WriteLine($"| {Positions[p]} | {scores.Count} | " + string.Join(" | ", Thresholds.Select(t => Rate(scores.Count(s => s >= t), scores.Count))) + " |");
        }
    }

    private const double Default = InstructionClassifier.DefaultThreshold;

    private static void PrintFalsePositives(string name, IReadOnlyList<string> texts, InstructionClassifier classifier)
    {
        var scores = texts.Select(t => classifier.Strongest(t)).ToList();
        Console.WriteLine($"| {name} | {texts.Count} | " + string.Join(" | ", Thresholds.Select(t => $"{scores.Count(s => s.Score >= t)}")) + " |");
        // The target is per language: at the product's threshold, flagged / texts by the detector's language.
        Console.WriteLine($"  ≥{Default} by language: " + string.Join(", ", texts.Zip(scores).GroupBy(x => Core.Triage.LanguageDetector.Detect(x.First).Language)
            .OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count(x => x.Second.Score >= Default)}/{g.Count()}")));
        foreach (var (text, s) in texts.Zip(scores).Where(x => x.Second.Score >= Default).Take(3))
            Console.WriteLine($"  ≥{Default}: {s.Score:0.00} “{text.Substring(s.Start, s.Length).ReplaceLineEndings(" ")[..Math.Min(110, s.Length)]}”");
    }

    /// <summary>BIPIA's construction: the instruction at the start, in the middle or at the end of the context.</summary>
    internal static string Insert(string context, string attack, int position) => position switch
    {
        0 => attack + " " + context,
        1 => context[..(context.Length / 2)] + " " + attack + " " + context[(context.Length / 2)..],
        _ => context + " " + attack,
    };

    /// <summary>The --benign texts: the deployment's own customer messages the product would learn from.</summary>
    internal static List<string> BenignMessages(Dictionary<string, string> o) => InjectionEval.TextsOf(o.GetValueOrDefault("benign") ?? "").ToList();

    private static string Rate(int hits, int cases) => cases == 0 ? "—" : ((double)hits / cases).ToString("0.000");
}
