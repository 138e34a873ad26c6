using SupportCopilot.Benchmarks;
using SupportCopilot.Benchmarks.Circuits;

// dotnet run -c Release --project bench/SupportCopilot.Benchmarks -- ingest <folder|zip>... [--repeat N]
//                                                                  retrieval [--chunks 10000,100000] [--dims 768]
return args.FirstOrDefault() switch
{
    "ingest" => await IngestBenchmark.RunAsync(args[1..]),
    "retrieval" => await RetrievalBenchmark.RunAsync(args[1..]),
    "triage" => await TriageBenchmark.RunAsync(args[1..]),
    "memory" => await MemoryBenchmark.RunAsync(args[1..]),
    "dashboard" => await DashboardBenchmark.RunAsync(args[1..]),
    "circuits" => await CircuitsBenchmark.RunAsync(args[1..]),
    "load" => await LoadBenchmark.RunAsync(args[1..]),
    "injection" => await InjectionBenchmark.RunAsync(args[1..]),
    "queue" => await QueueBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: ingest <folder|zip>... [--repeat N]   ingestion throughput (extract + chunk + lexical index) and peak memory");
    Console.Error.WriteLine("       retrieval [--chunks 10000,100000,1000000] [--dims 768]   lexical, dense and hybrid latency on synthetic chunks");
    Console.Error.WriteLine("       memory [--entries 100000,1000000]   similar-ticket search p50/p95 over reply memory, bytes per entry, memory write cost per approval");
    Console.Error.WriteLine("       triage [file.jsonl] [--tickets 10000] [--no-neighbours]   training time as the product trains, per-ticket classification p95 with the neighbour search");
    Console.Error.WriteLine("       injection [tickets.jsonl]   injection detector cost per ticket p50/p95/max");
    Console.Error.WriteLine("       dashboard [--tickets 1000000] [--runs 20] [--ranges 1,7,30,90,365] [--dir D] dashboard query latency on N tickets with 5 events each");
    Console.Error.WriteLine("       queue [--tickets 1000000] [--runs 30] [--dir D]   the agent's queue: first page p50/p95 for views, sorts, filters and searches");
    Console.Error.WriteLine("       load [--clients 20] [--seconds 60]   API intake under load (p50/p95/p99) and how fast triage and drafting catch up");
    Console.Error.WriteLine("       circuits [--sessions 200] [--parallel 10] [--client protocol|browser]   agent sessions (Blazor circuits): open/approve round trips, memory per circuit");
    return 2;
}
