using SupportCopilot.Benchmarks;

// dotnet run -c Release --project bench/SupportCopilot.Benchmarks -- ingest <folder|zip>... [--repeat N]
return args.FirstOrDefault() switch
{
    "ingest" => await IngestBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: ingest <folder|zip>... [--repeat N]   ingestion throughput (extract + chunk + lexical index) and peak memory");
    return 2;
}
