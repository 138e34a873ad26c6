using System.Net;
using System.Net.Sockets;
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
        using var collector = new Collector();
        var settings = new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = collector.Url, ["Telemetry:OtlpProtocol"] = "HttpProtobuf" };
        await using var host = await TestHost.StartAsync(
            s => s.AddSupportCopilotTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new NoLogging(s), "test"), settings);
        var tracer = host.Get<TracerProvider>(); // built on first use, as the host would at start

        await Fixtures.ApprovedReplyAsync(host, "SECRET-REPLY-TEXT");
        await host.Get<SupportCopilot.Core.Approval.OutboxSender>().ProcessDueAsync(CancellationToken.None);
        Assert.True(tracer.ForceFlush(10_000));

        var traces = collector.Bodies("/v1/traces");
        Assert.NotEmpty(traces);
        var all = string.Concat(traces.Select(b => Encoding.UTF8.GetString(b)));
        Assert.Contains("approval.queue", all);
        Assert.Contains("outbox.deliver", all);
        Assert.DoesNotContain("SECRET-REPLY-TEXT", all);
    }

    private sealed class NoLogging(IServiceCollection services) : ILoggingBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    private sealed class Collector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<(string Path, byte[] Body)> _requests = [];
        public string Url { get; }

        public Collector()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext ctx;
                    try { ctx = await _listener.GetContextAsync(); } catch (Exception) { return; }
                    using var ms = new MemoryStream();
                    await ctx.Request.InputStream.CopyToAsync(ms);
                    lock (_requests) _requests.Add((ctx.Request.Url!.AbsolutePath, ms.ToArray()));
                    ctx.Response.StatusCode = 200;
                    ctx.Response.ContentType = "application/x-protobuf";
                    ctx.Response.Close();
                }
            });
        }

        public List<byte[]> Bodies(string path) { lock (_requests) return _requests.Where(r => r.Path == path).Select(r => r.Body).ToList(); }

        public void Dispose() => _listener.Close();
    }
}
