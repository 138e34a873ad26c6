using System.ComponentModel.DataAnnotations;
using SupportCopilot.Core.Approval;

namespace SupportCopilot.Core.Mail;

/// <summary>E-mail intake: <c>Intake:Imap</c>. Off unless a host is set.</summary>
public sealed class ImapOptions
{
    public const string Section = "Intake:Imap";
    public string Host { get; set; } = "";
    [Range(1, 65535)] public int Port { get; set; } = 993;
    public MailSecurity Security { get; set; } = MailSecurity.SslOnConnect;
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    public string Folder { get; set; } = "INBOX";
    [Range(5, 3600)] public int PollSeconds { get; set; } = 30;
    /// <summary>At most this many mails per poll, so one huge backlog cannot hold the lease for long.</summary>
    [Range(1, 1000)] public int BatchSize { get; set; } = 50;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
