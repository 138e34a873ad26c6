using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Approval;

namespace SupportCopilot.Core.Mail;

/// <summary>
/// Hands approved replies to an existing helpdesk: POST JSON, signed. Headers: <c>X-SupportCopilot-Timestamp</c> (Unix
/// seconds) and <c>X-SupportCopilot-Signature: sha256=&lt;hex HMAC-SHA256 of "{timestamp}.{body}"&gt;</c>; the timestamp is
/// signed so a captured call cannot be replayed later. <c>Idempotency-Key</c> is the outbox id: the same on retries.
/// </summary>
public sealed class WebhookChannel(HttpClient http, IOptions<OutboxOptions> options, TimeProvider clock) : IReplyChannel
{
    public const string SignatureHeader = "X-SupportCopilot-Signature";
    public const string TimestampHeader = "X-SupportCopilot-Timestamp";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "webhook";

    /// <summary>A repeat carries the same Idempotency-Key, which the receiver is documented to drop: at-least-once is safe.</summary>
    public Task<DeliveryCheck> CheckDeliveredAsync(OutboxMessage message, CancellationToken ct) => Task.FromResult(DeliveryCheck.ResendIsSafe);

    public async Task DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        var o = options.Value.Webhook;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new
        {
            outboxId = message.Id, ticketId = message.TicketId, to = message.To, subject = message.Subject, body = message.Body,
            messageId = message.MessageId, inReplyTo = message.InReplyTo,
            approvedBy = message.Approval?.ApprovedByUserId, approvedAt = message.Approval?.ApprovedAt,
        }, Json);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Url) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, "sha256=" + Sign(o.Secret, timestamp, payload));
        request.Headers.Add("Idempotency-Key", message.Id.ToString(CultureInfo.InvariantCulture));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
        using var response = await http.SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"The webhook answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
    }

    /// <summary>Lower-case hex HMAC-SHA256 of "{timestamp}.{body}" — what a receiver recomputes to verify a call.</summary>
    public static string Sign(string secret, string timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
