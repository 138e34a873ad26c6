using MimeKit;
using SupportCopilot.Core.Approval;

namespace SupportCopilot.Core.Mail;

/// <summary>The e-mail for an approved reply: the agent's Markdown as plain text plus an HTML rendering, threaded to the customer's mail.</summary>
public static class ReplyMail
{
    public static MimeMessage Build(OutboxMessage message, OutboxOptions options)
    {
        var body = new BodyBuilder { TextBody = message.Body, HtmlBody = SafeMarkdown.ToHtml(message.Body) };
        var mime = new MimeMessage { Subject = message.Subject, Body = body.ToMessageBody() };
        mime.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        // The same Message-Id on every attempt: a receiving server that saw a retried delivery can drop the duplicate.
        mime.MessageId = message.MessageId ?? $"outbox-{message.Id}@{options.MessageIdDomain}";
        if (message.InReplyTo is { } parent)
        {
            mime.InReplyTo = parent;
            mime.References.Add(parent);
        }
        mime.Headers.Add("X-SupportCopilot-Ticket", message.TicketId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return mime;
    }
}
