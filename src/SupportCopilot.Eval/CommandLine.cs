namespace SupportCopilot.Eval;

internal static class CommandLine
{
    /// <summary>"--name value" pairs and bare "--flag" switches.</summary>
    public static Dictionary<string, string> Parse(IEnumerable<string> args)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            result[list[i][2..]] = hasValue ? list[++i] : "true";
        }
        return result;
    }

    public static int Usage()
    {
        Console.Error.WriteLine("""
            Usage:
              retrieval --docs <folder|zip> --questions <file.jsonl> [--top 10] [--json <out>] [--baseline <file> --name <set>] [--misses] [--lexical]
                Ingests the documents into a fresh temporary database, asks every question and prints recall@1/5/10, MRR,
                nDCG@10, latency p50/p95 and confidence calibration. Embeddings as the product does (the in-process model)
                unless Models__Embedding__0__* names another; --lexical turns them off. Search__Fusion/DenseWeight apply.
                The JSON records the configuration, the document counts and every question's first relevant rank and top hits.
                An expectation may name a document, a page and a heading (contained in the hit's heading path).
              compare <a.json> <b.json>
                Pairs two retrieval reports by question id: wins/losses of B against A by first relevant rank, per recall@k,
                with a two-sided exact sign test.
              draft --docs <folder|zip> --questions <file.jsonl> [--json <out>] [--misses] [--lexical]
                Builds the no-model (extractive) draft for every question that marks its key sentences ("mustContain")
                as the product does and prints the share of drafts that contain all of them; every question with an
                expected passage also counts for calibration (confidence band → share of drafts quoting a relevant passage).
              calibrate --reports <draft-a.json,draft-b.json,…> [--out <file>]
                Fits the draft calibration (isotonic, each set weighing the same) on the draft reports' outcomes, prints
                the table and per set the Brier score raw → fitted on the other sets → fitted on all; --out writes the
                table the product embeds (src/SupportCopilot.Core/Drafting/draft-calibration.json).
              replay (--history <file> --test <file> | --tickets <file>) [--docs <folder|zip>] [--json <out>] [--limit N] [--floor R] [--sweep] [--lexical]
                Imports the history tickets with their answers into reply memory, drafts every test ticket as the product
                does and compares each draft with the answer actually sent: ROUGE-L F1, cosine of embeddings, share of
                tickets whose nearest remembered ticket has the same queue; beside it knowledge-only drafts (memory off)
                and a random answer of the same queue, with wins/losses against knowledge-only and a sign test, per
                language. Files: one JSON object per line (subject, body, answer, labels.queue/language) or an
                eShopSupport tickets.json. --tickets splits one file: ids whose trailing number is divisible by 5 are tests.
                --floor fails (exit 1) when the drafts' mean ROUGE-L is below R. --sweep (with Memory__ReuseAbove=0) prints
                what each reuse threshold would give, paired against knowledge-only drafts.
              triage --train <file.jsonl> --test <file.jsonl> [--json <out>]
                Trains the triage classifiers on one file and reports per field accuracy, macro-F1, per-class precision and
                recall, the confusion matrix and calibration, next to a majority-class baseline.
              injection --bipia <folder> [--split train|test] [--contexts table=a.jsonl,code=b.jsonl] [--tickets a.jsonl,b.jsonl] [--docs <folder,folder>] [--probes a.txt,b.txt] [--learned] [--held-out [--cases scores.tsv]] [--benign a.jsonl,<folder>]
                Detection rate of the prompt-injection detector on BIPIA attacks (each inserted at start, middle, end of
                each context of every task folder with <split>.jsonl — email, table, code, …, and of every --contexts file
                in BIPIA's format; between lines in tables and code; code attacks for code when the folder has them) and
                its false-positive rate on the clean contexts; with --tickets, false positives on
                each ticket file per language (rows without a body are read by subject; empty rows are skipped); with
                --docs, on every chunk of every document as the product indexes it; with --probes, the share flagged of each
                file's lines inserted like the attacks into the contexts and each --tickets file's tickets (eval/injection/*.txt). The rules
                alone decide unless --learned: then customers' messages are flagged as the product flags them, rules plus the
                learned classifier (trained on the shipped sentences and --benign's). --held-out adds the learned classifier's
                figures: leave-one-category-out (trained on the shipped sentences without the held-out category's
                instructions, BIPIA's and ours), per position, leave-one-position-out (attacks planted in training at the
                other two positions) and its false positives on the --tickets/--docs texts at several thresholds;
                --benign stands in for the deployment's own tickets the product learns from (keep them out of --tickets);
                --cases writes every held-out case's learned score (set, category, attack, context, position) for paired
                comparisons of two builds.
            """);
        return 2;
    }
}
