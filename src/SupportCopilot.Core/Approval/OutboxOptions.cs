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
    /// <summary>A sender that stops heart-beating loses its claim on a message after this long.</summary>
    [Range(5, 3600)] public int LeaseSeconds { get; set; } = 120;

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
    /// <summary>
    /// An IMAP folder of the Intake:Imap account where sent mail appears (many providers file what their SMTP server
    /// accepts under "Sent"). When set, a delivery interrupted by a crash is looked up there by Message-Id instead of
    /// being held for an admin.
    /// </summary>
    public string? SentFolder { get; set; }
}

public sealed class WebhookOptions
{
    public string Url { get; set; } = "";
    /// <summary>HMAC-SHA256 key; the receiver recomputes the signature over the raw body to trust the call.</summary>
    public string Secret { get; set; } = "";
    [Range(1, 600)] public int TimeoutSeconds { get; set; } = 30;
}
