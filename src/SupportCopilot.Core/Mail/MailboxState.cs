namespace SupportCopilot.Core.Mail;

/// <summary>How far IMAP intake has read a mailbox: UIDs are only meaningful within one UIDVALIDITY.</summary>
public sealed class MailboxState
{
    public required string Mailbox { get; set; }
    public uint UidValidity { get; set; }
    public uint LastUid { get; set; }
    public DateTime UpdatedAt { get; set; }
}
