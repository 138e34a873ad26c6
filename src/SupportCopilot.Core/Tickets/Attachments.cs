using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Tickets;

/// <summary>A file a customer sent with a message (issue 20.5). Kept for agents to download; never given to a model.</summary>
public sealed class TicketAttachment
{
    public int Id { get; set; }
    public int TicketId { get; set; }
    public int? MessageId { get; set; }
    public required string FileName { get; set; }
    /// <summary>The type read from the bytes, not the one the sender claimed.</summary>
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Bytes { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>An attachment without its bytes, for the thread.</summary>
public sealed record AttachmentInfo(int Id, int? MessageId, string FileName, string ContentType, long Size);

/// <summary>A file as it arrived, before checks.</summary>
public sealed record IncomingFile(string? FileName, byte[] Bytes);

/// <summary>
/// Attachments on tickets: size and count limits, and the type sniffed from the bytes (a PDF, image, office document or
/// text is accepted; an executable, script page or unknown binary is refused whatever its name says). Downloads always
/// go out as attachments with nosniff, so a stored file never runs in the app's origin.
/// </summary>
public sealed class Attachments(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxPerMessage = 5;
    public const string Accepted = "PDF, PNG, JPEG, GIF, WebP, Word/Excel/PowerPoint (OOXML) or plain text";

    /// <summary>The sniffed content type, or an error sentence naming the file.</summary>
    public static (string? ContentType, string? Error) Check(string fileName, byte[] bytes)
    {
        if (bytes.Length == 0) return (null, $"{fileName}: the file is empty.");
        if (bytes.Length > MaxBytes) return (null, $"{fileName}: larger than {MaxBytes / (1024 * 1024)} MB.");
        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 4096));
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        string? type = head switch
        {
            _ when head.StartsWith("%PDF-"u8) => "application/pdf",
            _ when head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']) => "image/png",
            _ when head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) => "image/jpeg",
            _ when head.StartsWith("GIF8"u8) => "image/gif",
            _ when head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8) => "image/webp",
            _ when head.StartsWith("PK\x03\x04"u8) => ext switch
            {
                ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ".pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                _ => null, // a plain ZIP can carry anything
            },
            _ when !head.Contains((byte)0) && LooksLikeText(head) => "text/plain",
            _ => null,
        };
        return type is null ? (null, $"{fileName}: not an accepted type ({Accepted}).") : (type, null);
    }

    // Markup is refused as text: an HTML or SVG page downloaded and opened locally can still phish.
    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        var text = System.Text.Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        return !(text.StartsWith('<') && (text.Contains("<html", StringComparison.OrdinalIgnoreCase) || text.Contains("<svg", StringComparison.OrdinalIgnoreCase)
            || text.Contains("<script", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Checks every file first: the accepted ones and one sentence per refused file.</summary>
    public static (List<(string Name, string Type, byte[] Bytes)> Accepted, List<string> Refused) Sort(IReadOnlyList<IncomingFile> files)
    {
        var (accepted, refused) = (new List<(string, string, byte[])>(), new List<string>());
        foreach (var f in files)
        {
            var name = Knowledge.FileNames.Sanitize(f.FileName);
            if (accepted.Count >= MaxPerMessage) { refused.Add($"{name}: more than {MaxPerMessage} files in one message."); continue; }
            var (type, error) = Check(name, f.Bytes);
            if (error is not null) refused.Add(error);
            else accepted.Add((name, type!, f.Bytes));
        }
        return (accepted, refused);
    }

    /// <summary>Stores the accepted files with the ticket's message; a refused one leaves a note in the thread for agents,
    /// so nothing the customer sent disappears without a trace.</summary>
    public async Task<IReadOnlyList<string>> AddAsync(int ticketId, int? messageId, IReadOnlyList<IncomingFile> files, CancellationToken ct = default)
    {
        if (files.Count == 0) return [];
        var (accepted, refused) = Sort(files);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (name, type, bytes) in accepted)
            db.TicketAttachments.Add(new TicketAttachment { TicketId = ticketId, MessageId = messageId, FileName = name, ContentType = type, Size = bytes.Length, Bytes = bytes, CreatedAt = now });
        if (refused.Count > 0)
            db.TicketMessages.Add(new TicketMessage
            {
                TicketId = ticketId, Author = MessageAuthor.Note, AuthorName = "SupportCopilot", CreatedAt = now,
                Body = "Attachments not kept:\n" + string.Join("\n", refused.Select(r => "- " + r)),
            });
        await db.SaveChangesAsync(ct);
        return refused;
    }

    public async Task<IReadOnlyList<AttachmentInfo>> ListAsync(int ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TicketAttachments.AsNoTracking().Where(a => a.TicketId == ticketId).OrderBy(a => a.Id)
            .Select(a => new AttachmentInfo(a.Id, a.MessageId, a.FileName, a.ContentType, a.Size)).ToListAsync(ct);
    }

    public async Task<TicketAttachment?> GetAsync(int ticketId, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TicketAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.TicketId == ticketId, ct);
    }
}
