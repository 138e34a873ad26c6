using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Approval;

namespace SupportCopilot.Core.Mail;

/// <summary>Delivers approved replies through an SMTP server (MailKit). A connection per message keeps retries independent.</summary>
public sealed class SmtpChannel(IOptions<OutboxOptions> options) : IReplyChannel
{
    public string Name => "smtp";

    public async Task DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        var o = options.Value;
        var mime = ReplyMail.Build(message, o);
        using var client = new SmtpClient { Timeout = o.Smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(o.Smtp.Host, o.Smtp.Port, o.Smtp.Security.ToMailKit(), ct);
        if (!string.IsNullOrEmpty(o.Smtp.Username)) await client.AuthenticateAsync(o.Smtp.Username, o.Smtp.Password ?? "", ct);
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
