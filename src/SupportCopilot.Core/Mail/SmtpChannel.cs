using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Approval;

namespace SupportCopilot.Core.Mail;

/// <summary>Delivers approved replies through an SMTP server (MailKit). A connection per message keeps retries independent.</summary>
public sealed class SmtpChannel(IOptions<OutboxOptions> options, IOptions<ImapOptions> imap) : IReplyChannel
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

    /// <summary>
    /// SMTP has no way to ask "did you take message X?", so an interrupted delivery is looked up by its Message-Id in
    /// the mailbox folder where sent mail appears (Outbox:Smtp:SentFolder, on the Intake:Imap account). Without one,
    /// sending again could mail the customer twice: Unknown, and an admin decides.
    /// </summary>
    public async Task<DeliveryCheck> CheckDeliveredAsync(OutboxMessage message, CancellationToken ct)
    {
        var (folderName, i) = (options.Value.Smtp.SentFolder, imap.Value);
        if (string.IsNullOrWhiteSpace(folderName) || !i.Enabled || message.MessageId is null) return DeliveryCheck.Unknown;
        try
        {
            using var client = new ImapClient { Timeout = options.Value.Smtp.TimeoutSeconds * 1000 };
            await client.ConnectAsync(i.Host, i.Port, i.Security.ToMailKit(), ct);
            await client.AuthenticateAsync(i.Username, i.Password, ct);
            var folder = await client.GetFolderAsync(folderName, ct);
            await folder.OpenAsync(FolderAccess.ReadOnly, ct);
            var found = await folder.SearchAsync(SearchQuery.HeaderContains("Message-ID", message.MessageId), ct);
            await client.DisconnectAsync(quit: true, ct);
            return found.Count > 0 ? DeliveryCheck.Delivered : DeliveryCheck.NotDelivered;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.Security.AuthenticationException
                                   or ImapCommandException or ImapProtocolException or FolderNotFoundException)
        {
            return DeliveryCheck.Unknown; // the lookup failed: as good as no lookup
        }
    }
}
