using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SupportCopilot.Core.Platform;

/// <summary>
/// Spans and counters of the product's own work (ingestion jobs, retrieval, approvals, sends; model calls live in
/// "SupportCopilot.Models"), exported over OTLP when <c>Telemetry:OtlpEndpoint</c> or OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// Span attributes carry ids and counts only — never ticket, prompt or document text.
/// </summary>
public static class Telemetry
{
    public const string Name = "SupportCopilot";
    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);
    public static readonly Counter<long> IngestionJobs = Meter.CreateCounter<long>("supportcopilot.ingestion.jobs", description: "Ingestion jobs finished, by outcome");
    public static readonly Histogram<double> RetrievalMs = Meter.CreateHistogram<double>("supportcopilot.retrieval.duration", "ms", "Retrieval latency");
    public static readonly Histogram<double> CircuitActivityMs = Meter.CreateHistogram<double>("supportcopilot.circuit.activity.duration", "ms", "Server time of one inbound Blazor circuit activity (event, navigation, JS callback) including its render");
    public static readonly Counter<long> Approvals = Meter.CreateCounter<long>("supportcopilot.approvals", description: "Replies approved, by kind");
    public static readonly Counter<long> Sends = Meter.CreateCounter<long>("supportcopilot.sends", description: "Outbox deliveries, by channel and outcome");

    public static IServiceCollection AddSupportCopilotTelemetry(this IServiceCollection services, IConfiguration config, ILoggingBuilder logging, string serviceName)
    {
        var endpoint = config["Telemetry:OtlpEndpoint"] ?? config["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint)) return services;
        var uri = new Uri(endpoint);
        // gRPC (port 4317) by default; "HttpProtobuf" (port 4318) posts to {endpoint}/v1/{traces|metrics|logs}.
        var http = string.Equals(config["Telemetry:OtlpProtocol"], "HttpProtobuf", StringComparison.OrdinalIgnoreCase);
        void Configure(OpenTelemetry.Exporter.OtlpExporterOptions o, string signal)
        {
            o.Protocol = http ? OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf : OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;
            o.Endpoint = http ? new Uri(uri, $"{uri.AbsolutePath.TrimEnd('/')}/v1/{signal}") : uri;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t.AddSource(Name, "SupportCopilot.Models", "Experimental.Microsoft.Extensions.AI").AddHttpClientInstrumentation()
                .AddOtlpExporter(o => Configure(o, "traces")))
            .WithMetrics(m => m.AddMeter(Name, "SupportCopilot.Models", "Experimental.Microsoft.Extensions.AI").AddHttpClientInstrumentation()
                .AddOtlpExporter(o => Configure(o, "metrics")));
        logging.AddOpenTelemetry(o => o.AddOtlpExporter(e => Configure(e, "logs")));
        return services;
    }
}
