using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using SupportCopilot.Core.Platform;

namespace SupportCopilot.Core.Tests.Platform;

/// <summary>With an OTLP endpoint configured, the product's spans reach a collector (here a real HTTP listener speaking OTLP/HTTP).</summary>
public class OtlpExportTests
{
    [Fact]
    public async Task ApprovalAndSendSpans_AreExportedOverOtlp_WithoutReplyText()
    {
        using var collector = new LoopbackHttpReceiver(contentType: "application/x-protobuf");
        var settings = new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = collector.Url, ["Telemetry:OtlpProtocol"] = "HttpProtobuf" };
        await using var host = await TestHost.StartAsync(
            s => s.AddSupportCopilotTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new NoLogging(s), "test"), settings);
        var tracer = host.Get<TracerProvider>(); // built on first use, as the host would at start

        await Fixtures.ApprovedReplyAsync(host, "SECRET-REPLY-TEXT");
        await host.Get<SupportCopilot.Core.Approval.OutboxSender>().ProcessDueAsync(CancellationToken.None);
        Assert.True(tracer.ForceFlush(10_000));

        // Waits on the collector's own signal, the spans arriving, rather than on the flush alone: on a loaded CI machine
        // (test projects run side by side) an export can land after ForceFlush has returned.
        string Traces() => string.Concat(collector.Requests.Where(r => r.Path == "/v1/traces").Select(r => Encoding.UTF8.GetString(r.Body)));
        for (var i = 0; i < 100 && !(Traces().Contains("approval.queue") && Traces().Contains("outbox.deliver")); i++)
        {
            await Task.Delay(100);
            tracer.ForceFlush(1_000);
        }
        var all = Traces();
        Assert.NotEmpty(all);
        Assert.Contains("approval.queue", all);
        Assert.Contains("outbox.deliver", all);
        Assert.DoesNotContain("SECRET-REPLY-TEXT", all);
    }

    private sealed class NoLogging(IServiceCollection services) : ILoggingBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
