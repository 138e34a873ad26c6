using System.Net;
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
        using var receiver = new LoopbackHttpReceiver(HttpStatusCode.OK, "/hook/");
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Outbox:Channel"] = "Webhook", ["Outbox:Webhook:Url"] = receiver.Url, ["Outbox:Webhook:Secret"] = Secret,
        });
        var (ticket, _) = await Fixtures.ApprovedReplyAsync(host, "Signed answer.");

        Assert.Equal(1, await host.Get<OutboxSender>().ProcessDueAsync(CancellationToken.None));

        var call = Assert.Single(receiver.Requests);
        var (signature, timestamp) = (call.Headers[WebhookChannel.SignatureHeader], call.Headers[WebhookChannel.TimestampHeader]!);
        var json = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal(ticket.Id, json.GetProperty("ticketId").GetInt32());
        Assert.Equal("Signed answer.", json.GetProperty("body").GetString());
        Assert.Equal("sha256=" + WebhookChannel.Sign(Secret, timestamp, call.Body), signature);
        Assert.NotEqual("sha256=" + WebhookChannel.Sign("another-secret-000000", timestamp, call.Body), signature);
        Assert.Equal(json.GetProperty("outboxId").GetInt32().ToString(), call.Headers["Idempotency-Key"]);
    }

    [Fact]
    public async Task ReceiverAnswers500_MessageStaysPendingWithTheStatusInTheError()
    {
        using var receiver = new LoopbackHttpReceiver(HttpStatusCode.InternalServerError, "/hook/");
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
}
