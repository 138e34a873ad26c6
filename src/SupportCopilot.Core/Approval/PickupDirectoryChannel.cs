using SupportCopilot.Core.Data;
using SupportCopilot.Core.Mail;

namespace SupportCopilot.Core.Approval;

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
        var mime = ReplyMail.Build(message, options.Value);
        var path = Path.Combine(Folder, $"{message.Id}.eml");
        var temp = path + ".tmp";
        await mime.WriteToAsync(temp, ct);
        File.Move(temp, path, overwrite: true); // atomic: a reader never sees half a mail
    }

    /// <summary>The file is written atomically under the outbox id: it either exists whole or not at all.</summary>
    public Task<DeliveryCheck> CheckDeliveredAsync(OutboxMessage message, CancellationToken ct) =>
        Task.FromResult(File.Exists(Path.Combine(Folder, $"{message.Id}.eml")) ? DeliveryCheck.Delivered : DeliveryCheck.NotDelivered);
}
