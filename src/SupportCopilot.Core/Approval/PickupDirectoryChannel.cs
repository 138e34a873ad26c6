using MimeKit;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Approval;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";
    [System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.EmailAddress]
    public string FromAddress { get; set; } = "support@example.com";
    public string FromName { get; set; } = "Support";
}

/// <summary>
/// The embedded default channel: each approved reply becomes an .eml file in data/outbox-mail, the way an SMTP
/// pickup folder works. Named by outbox id, so a retried delivery overwrites rather than duplicates.
/// </summary>
public sealed class PickupDirectoryChannel(StoragePaths paths, Microsoft.Extensions.Options.IOptions<OutboxOptions> options) : IReplyChannel
{
    public string Name => "pickup-directory";
    public string Folder => paths.File("outbox-mail");

    public async Task DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var mime = new MimeMessage { Subject = message.Subject, Body = new TextPart("plain") { Text = message.Body } };
        mime.From.Add(new MailboxAddress(options.Value.FromName, options.Value.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.MessageId = $"outbox-{message.Id}@supportcopilot.local";
        var path = Path.Combine(Folder, $"{message.Id}.eml");
        var temp = path + ".tmp";
        await mime.WriteToAsync(temp, ct);
        File.Move(temp, path, overwrite: true); // atomic: a reader never sees half a mail
    }
}
