using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Mail;

public enum IntakeOutcome { NewTicket, Reply, Duplicate, Skipped }

public sealed record IntakeResult(IntakeOutcome Outcome, int? TicketId, string Detail);

/// <summary>
/// Turns mail in an IMAP folder into tickets. A reply (In-Reply-To / References naming a message we stored or sent)
/// joins its ticket; anything else opens a new one. Progress is the last UID read per UIDVALIDITY, and every stored
/// message keeps its Message-Id under a unique index, so a crash between reading and recording never doubles a mail.
/// </summary>
public sealed partial class ImapIntake(IDbContextFactory<AppDbContext> dbFactory, TicketService tickets, IOptions<ImapOptions> options,
    IOptions<OutboxOptions> outbox, TimeProvider clock, Attachments attachments)
{
    /// <summary>Reads new mail once; returns what happened to each message.</summary>
    public async Task<IReadOnlyList<IntakeResult>> PollOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        using var client = new ImapClient { Timeout = 60_000 };
        await client.ConnectAsync(o.Host, o.Port, o.Security.ToMailKit(), ct);
        await client.AuthenticateAsync(o.Username, o.Password, ct);
        var folder = await client.GetFolderAsync(o.Folder, ct);
        await folder.OpenAsync(FolderAccess.ReadWrite, ct);

        var key = $"{o.Username}@{o.Host}/{o.Folder}";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = await db.MailboxStates.FirstOrDefaultAsync(s => s.Mailbox == key, ct);
        if (state is null) db.MailboxStates.Add(state = new MailboxState { Mailbox = key });
        if (state.UidValidity != folder.UidValidity) (state.UidValidity, state.LastUid) = (folder.UidValidity, 0);

        var uids = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId(state.LastUid + 1), UniqueId.MaxValue)), ct))
            .Where(u => u.Id > state.LastUid).OrderBy(u => u.Id).Take(o.BatchSize).ToList(); // "n:*" also returns the last UID when none is newer
        var results = new List<IntakeResult>();
        foreach (var uid in uids)
        {
            var message = await folder.GetMessageAsync(uid, ct);
            results.Add(await IntakeAsync(message, ct));
            await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, ct);
            (state.LastUid, state.UpdatedAt) = (uid.Id, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }
        if (uids.Count == 0) await db.SaveChangesAsync(ct);
        await client.DisconnectAsync(quit: true, ct);
        return results;
    }

    /// <summary>Stores one mail as a new ticket or a reply on its ticket.</summary>
    public async Task<IntakeResult> IntakeAsync(MimeMessage message, CancellationToken ct)
    {
        var from = message.From.Mailboxes.FirstOrDefault();
        var messageId = string.IsNullOrWhiteSpace(message.MessageId) ? null : Truncate(message.MessageId, 300);
        if (from is null || !System.Net.Mail.MailAddress.TryCreate(from.Address, out _))
            return new(IntakeOutcome.Skipped, null, "no valid sender address");
        if (string.Equals(from.Address, outbox.Value.FromAddress, StringComparison.OrdinalIgnoreCase))
            return new(IntakeOutcome.Skipped, null, "our own reply");
        // RFC 3834: never answer machines (out-of-office replies, bounces), or two robots mail each other forever.
        if (message.Headers[HeaderId.AutoSubmitted] is { } auto && !auto.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
            return new(IntakeOutcome.Skipped, null, "automatic reply");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (messageId is not null && await db.TicketMessages.AnyAsync(m => m.MessageId == messageId, ct))
            return new(IntakeOutcome.Duplicate, null, "already stored");

        var body = BodyText(message);
        var parents = message.References.Append(message.InReplyTo).Where(id => !string.IsNullOrEmpty(id)).Distinct().ToList();
        if (parents.Count > 0)
        {
            var ticketId = await db.TicketMessages.Where(m => m.MessageId != null && parents.Contains(m.MessageId)).Select(m => (int?)m.TicketId).FirstOrDefaultAsync(ct)
                ?? await db.Outbox.Where(m => m.MessageId != null && parents.Contains(m.MessageId)).Select(m => (int?)m.TicketId).FirstOrDefaultAsync(ct);
            if (ticketId is { } id && await tickets.AddCustomerReplyAsync(id, string.IsNullOrWhiteSpace(body) ? "(empty message)" : body, ct, messageId) is { } replyId)
            {
                await attachments.AddAsync(id, replyId, Files(message), ct);
                return new(IntakeOutcome.Reply, id, "threaded by In-Reply-To/References");
            }
        }
        var subject = string.IsNullOrWhiteSpace(message.Subject) ? "(no subject)" : Truncate(message.Subject.Trim(), NewTicket.MaxSubject);
        var input = new NewTicket(subject, string.IsNullOrWhiteSpace(body) ? "(empty message)" : Truncate(body, NewTicket.MaxBody), from.Address,
            string.IsNullOrWhiteSpace(from.Name) ? null : Truncate(from.Name, 200), Channel: nameof(TicketChannel.Email));
        var errors = input.Validate();
        if (errors.Count > 0) return new(IntakeOutcome.Skipped, null, string.Join("; ", errors.SelectMany(e => e.Value)));
        var ticket = await tickets.CreateAsync(input, ct, messageId);
        await attachments.AddAsync(ticket.Id, ticket.Messages.First().Id, Files(message), ct);
        return new(IntakeOutcome.NewTicket, ticket.Id, "new ticket");
    }

    /// <summary>The mail's attachments, decoded (base64, quoted-printable); checked and stored by <see cref="Attachments"/>.</summary>
    internal static IReadOnlyList<IncomingFile> Files(MimeMessage message)
    {
        var files = new List<IncomingFile>();
        foreach (var part in message.Attachments.OfType<MimePart>())
        {
            using var buffer = new MemoryStream();
            part.Content?.DecodeTo(buffer);
            files.Add(new IncomingFile(part.FileName ?? "attachment", buffer.ToArray()));
        }
        return files;
    }

    /// <summary>The plain-text part, or the HTML part reduced to its text: ticket text is always stored and shown as text.
    /// Text the sender hid from the reader (the hidden attribute, display:none, visibility:hidden, zero size or opacity)
    /// is kept but moved to the end under a marker, so the agent sees that it was hidden and the injection detector and a
    /// model read it as what it is (issue 18.2: instructions hidden in a mail's HTML).</summary>
    internal static string BodyText(MimeMessage message)
    {
        if (!string.IsNullOrWhiteSpace(message.TextBody)) return message.TextBody.Trim();
        if (message.HtmlBody is not { } html) return "";
        var doc = new HtmlParser().ParseDocument(html);
        foreach (var el in doc.QuerySelectorAll("script,style")) el.Remove();
        var hidden = new List<string>();
        foreach (var el in doc.QuerySelectorAll("[hidden],[style]").Where(Hidden).ToList())
        {
            if (doc.Body?.Contains(el) != true) continue; // inside a hidden element already taken out
            if (el.TextContent.Trim() is { Length: > 0 } text) hidden.Add(Spaces().Replace(text, " "));
            el.Remove();
        }
        var visible = (doc.Body?.TextContent ?? "").Trim();
        return hidden.Count == 0 ? visible : $"{visible}\n\n{HiddenMarker} {string.Join(" | ", hidden)}]";
    }

    /// <summary>Starts the part of a ticket that the e-mail hid from its reader.</summary>
    public const string HiddenMarker = "[Hidden in the e-mail:";

    private static bool Hidden(AngleSharp.Dom.IElement el) =>
        el.HasAttribute("hidden") || HiddenStyle().IsMatch(el.GetAttribute("style") ?? "");

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden|(font-size|max-height|height|width)\s*:\s*0(px|pt|em|%)?\s*(;|!|$)|opacity\s*:\s*0(\.0+)?\s*(;|!|$)", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;
}
