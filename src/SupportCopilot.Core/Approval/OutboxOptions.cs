using System.ComponentModel.DataAnnotations;

namespace SupportCopilot.Core.Approval;

public enum ReplyChannelKind { Pickup, Smtp, Webhook }

public sealed class OutboxOptions
{
    public const string Section = "Outbox";
    [Required, EmailAddress]
    public string FromAddress { get; set; } = "support@example.com";
    public string FromName { get; set; } = "Support";
    /// <summary>Pickup (embedded default: .eml files in data/outbox-mail), Smtp or Webhook.</summary>
    public ReplyChannelKind Channel { get; set; } = ReplyChannelKind.Pickup;
    public SmtpOptions Smtp { get; set; } = new();
    public WebhookOptions Webhook { get; set; } = new();

    /// <summary>Right-hand side of the Message-Ids we mint, so replies to them are recognisably ours.</summary>
    public string MessageIdDomain => FromAddress.Contains('@') ? FromAddress[(FromAddress.LastIndexOf('@') + 1)..] : "supportcopilot.local";
}

public enum MailSecurity { None, StartTls, SslOnConnect, Auto }

public static class MailSecurityExtensions
{
    /// <summary>The MailKit option for a configured security mode; shared by SMTP delivery and IMAP intake.</summary>
    public static MailKit.Security.SecureSocketOptions ToMailKit(this MailSecurity security) => security switch
    {
        MailSecurity.None => MailKit.Security.SecureSocketOptions.None,
        MailSecurity.StartTls => MailKit.Security.SecureSocketOptions.StartTls,
        MailSecurity.SslOnConnect => MailKit.Security.SecureSocketOptions.SslOnConnect,
        _ => MailKit.Security.SecureSocketOptions.Auto,
    };
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    [Range(1, 65535)] public int Port { get; set; } = 587;
    public MailSecurity Security { get; set; } = MailSecurity.StartTls;
    public string? Username { get; set; }
    public string? Password { get; set; }
    [Range(1, 600)] public int TimeoutSeconds { get; set; } = 30;
}

public sealed class WebhookOptions
{
    public string Url { get; set; } = "";
    /// <summary>HMAC-SHA256 key; the receiver recomputes the signature over the raw body to trust the call.</summary>
    public string Secret { get; set; } = "";
    [Range(1, 600)] public int TimeoutSeconds { get; set; } = 30;
}
