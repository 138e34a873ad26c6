using SupportCopilot.Eval;

// dotnet run --project src/SupportCopilot.Eval -- retrieval --docs <folder|zip> --questions <file.jsonl> [--top 10] [--json out.json]
//                                                          [--baseline eval/baselines.json --name <set>] [--misses]
//                                    -- compare a.json b.json   (paired wins/losses and a sign test)
//                                    -- replay --history <file> --test <file> | --tickets <file>  [--docs <folder>] [--json out.json]
//                                    -- triage --train <file.jsonl> --test <file.jsonl> [--json out.json]
var command = args.FirstOrDefault();
var options = CommandLine.Parse(args.Skip(1));
return command switch
{
    "retrieval" => await RetrievalEval.RunAsync(options),
    "draft" => await DraftEval.RunAsync(options),
    "calibrate" => await CalibrationFit.RunAsync(options),
    "triage" => await TriageEval.RunAsync(options),
    "replay" => await ReplayEval.RunAsync(options),
    "injection" => InjectionEval.Run(options),
    "compare" => RetrievalCompare.Run(args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList()),
    _ => CommandLine.Usage(),
};
