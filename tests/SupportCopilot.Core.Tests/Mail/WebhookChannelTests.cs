using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Mail;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Core.Tests.Mail;

public class WebhookChannelTests
{
    private const string Secret = "webhook-secret-0123456789";

    [Fact]
    public async Task ApprovedReply_IsPostedSigned_AndTheSignatureVerifies()
    {
        using var receiver = new Receiver(HttpStatusCode.OK);
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Outbox:Channel"] = "Webhook", ["Outbox:Webhook:Url"] = receiver.Url, ["Outbox:Webhook:Secret"] = Secret,
        });
        var (ticket, _) = await Fixtures.ApprovedReplyAsync(host, "Signed answer.");

        Assert.Equal(1, await host.Get<OutboxSender>().ProcessDueAsync(CancellationToken.None));

        var call = Assert.Single(receiver.Calls);
        var json = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal(ticket.Id, json.GetProperty("ticketId").GetInt32());
        Assert.Equal("Signed answer.", json.GetProperty("body").GetString());
        Assert.Equal("sha256=" + WebhookChannel.Sign(Secret, call.Timestamp!, call.Body), call.Signature);
        Assert.NotEqual("sha256=" + WebhookChannel.Sign("another-secret-000000", call.Timestamp!, call.Body), call.Signature);
        Assert.Equal(json.GetProperty("outboxId").GetInt32().ToString(), call.IdempotencyKey);
    }

    [Fact]
    public async Task ReceiverAnswers500_MessageStaysPendingWithTheStatusInTheError()
    {
        using var receiver = new Receiver(HttpStatusCode.InternalServerError);
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Outbox:Channel"] = "Webhook", ["Outbox:Webhook:Url"] = receiver.Url, ["Outbox:Webhook:Secret"] = Secret,
        });
        await Fixtures.ApprovedReplyAsync(host, "Answer.");

        Assert.Equal(0, await host.Get<OutboxSender>().ProcessDueAsync(CancellationToken.None));

        await using var db = host.Db();
        var message = await db.Outbox.SingleAsync();
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Contains("HTTP 500", message.LastError);
    }

    /// <summary>A real HTTP listener on loopback that records what it was sent.</summary>
    private sealed class Receiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        public string Url { get; }
        public List<(byte[] Body, string? Signature, string? Timestamp, string? IdempotencyKey)> Calls { get; } = [];

        public Receiver(HttpStatusCode status)
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            Url = $"http://127.0.0.1:{port}/hook/";
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
                    lock (Calls) Calls.Add((ms.ToArray(), ctx.Request.Headers[WebhookChannel.SignatureHeader], ctx.Request.Headers[WebhookChannel.TimestampHeader], ctx.Request.Headers["Idempotency-Key"]));
                    ctx.Response.StatusCode = (int)status;
                    ctx.Response.Close();
                }
            });
        }

        public void Dispose() => _listener.Close();
    }
}
