using Microsoft.EntityFrameworkCore;
using MimeKit;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Mail;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Mail;

/// <summary>Delivery and intake against real exim4 and dovecot on loopback.</summary>
public class SmtpAndImapTests(MailServers mail) : IClassFixture<MailServers>
{
    [Fact]
    public async Task ApprovedReply_IsDeliveredThroughSmtp_ThreadedAndWithHtmlPart()
    {
        await using var host = await TestHost.StartAsync(settings: mail.SmtpSettings());
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var (ticket, draft) = await Fixtures.TicketWithDraftAsync(host);
        await using (var db = host.Db())
        {
            // As if the ticket had come in by mail: the reply must name the customer's Message-Id.
            var first = await db.TicketMessages.SingleAsync(m => m.TicketId == ticket.Id);
            first.MessageId = "customer-1@example.net";
            await db.SaveChangesAsync();
        }
        var to = $"dana.{Guid.NewGuid():N}@example.com";
        await using (var db = host.Db())
        {
            await db.Tickets.Where(t => t.Id == ticket.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.CustomerEmail, to));
        }
        await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, "Open the **back cover**.\n\n<script>x</script>", agent);

        Assert.Equal(1, await host.Get<OutboxSender>().ProcessDueAsync(CancellationToken.None));

        var delivered = await mail.WaitForMailToAsync(to);
        Assert.Equal("Re: Filter replacement", delivered.Subject);
        Assert.Equal("customer-1@example.net", delivered.InReplyTo);
        Assert.Contains("Open the **back cover**.", delivered.TextBody);
        Assert.Contains("<strong>back cover</strong>", delivered.HtmlBody);
        Assert.DoesNotContain("<script>", delivered.HtmlBody); // raw HTML in a reply is escaped, never passed on
        await using var check = host.Db();
        var outbox = await check.Outbox.SingleAsync();
        Assert.Equal(outbox.MessageId, delivered.MessageId);
        Assert.Equal(OutboxStatus.Sent, outbox.Status);
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "outbox.sent" && a.Target == $"ticket:{ticket.Id}"));
    }

    [Fact]
    public async Task InterruptedSmtpHandOff_WithoutASentFolder_IsHeldForAnAdmin_NeverSentTwice()
    {
        await using var host = await TestHost.StartAsync(settings: mail.SmtpSettings());
        var (ticket, _) = await Fixtures.ApprovedReplyAsync(host, "Uncertain answer.");
        var id = await Approval.OutboxSenderTests.CrashedMidHandOffAsync(host);
        var sender = host.Get<OutboxSender>();

        Assert.Equal(0, await sender.ProcessDueAsync(CancellationToken.None));

        await using (var db = host.Db())
        {
            var message = await db.Outbox.SingleAsync();
            Assert.Equal(OutboxStatus.Failed, message.Status);
            Assert.StartsWith(OutboxSender.UncertainPrefix, message.LastError);
        }
        Assert.DoesNotContain(mail.Delivered(), m => m.TextBody?.Contains("Uncertain answer.") == true);
        // The admin checked with the customer and retries: now it goes out, once.
        Assert.True(await sender.RetryAsync(id, SupportCopilot.Core.Audit.Actor.System));
        Assert.Equal(1, await sender.ProcessDueAsync(CancellationToken.None));
        Assert.Single(mail.Delivered(), m => m.TextBody?.Contains("Uncertain answer.") == true);
        Assert.Equal(ticket.Id, (await host.Db().Outbox.SingleAsync()).TicketId);
    }

    [Fact]
    public async Task InterruptedSmtpHandOff_IsLookedUpInTheSentFolder_DeliveredOnceEitherWay()
    {
        var settings = mail.SmtpSettings().Concat(mail.ImapSettings()).ToDictionary();
        // Every mail exim takes lands in the one maildir dovecot serves: here its INBOX is "where sent mail appears".
        settings["Outbox:Smtp:SentFolder"] = "INBOX";
        settings["Workers:Outbox"] = "false";
        await using var host = await TestHost.StartAsync(settings: settings);
        var text = $"Checked answer {Guid.NewGuid():N}.";
        await Fixtures.ApprovedReplyAsync(host, text);
        var sender = host.Get<OutboxSender>();

        // First: the crashed sender never got the mail across. The lookup finds nothing, so it is sent.
        await Approval.OutboxSenderTests.CrashedMidHandOffAsync(host);
        Assert.Equal(1, await sender.ProcessDueAsync(CancellationToken.None));
        Assert.Single(mail.Delivered(), m => m.TextBody?.Contains(text) == true);

        // Then: it did get across (it is in the folder now) and the sender died before recording it. Found: not sent again.
        await Approval.OutboxSenderTests.CrashedMidHandOffAsync(host);
        Assert.Equal(1, await sender.ProcessDueAsync(CancellationToken.None));
        Assert.Single(mail.Delivered(), m => m.TextBody?.Contains(text) == true);
        await using var db = host.Db();
        Assert.Equal(OutboxStatus.Sent, (await db.Outbox.SingleAsync()).Status);
    }

    [Fact]
    public async Task SmtpServerDown_MessageIsRetriedLater_NotLost()
    {
        await using var host = await TestHost.StartAsync(settings: new(mail.SmtpSettings()) { ["Outbox:Smtp:Port"] = "1" });
        await Fixtures.ApprovedReplyAsync(host, "Answer.");

        Assert.Equal(0, await host.Get<OutboxSender>().ProcessDueAsync(CancellationToken.None));

        await using var db = host.Db();
        var message = await db.Outbox.SingleAsync();
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.StartsWith("smtp:", message.LastError);
        Assert.True(message.NextAttemptAt > DateTime.UtcNow);
    }

    [Fact]
    public async Task ImapIntake_NewMailBecomesTicket_ReplyThreads_SecondPollAddsNothing()
    {
        await using var host = await TestHost.StartAsync(settings: mail.SmtpSettings().Concat(mail.ImapSettings()).ToDictionary());
        var intake = host.Get<ImapIntake>();
        await intake.PollOnceAsync(CancellationToken.None); // skip whatever other tests left in the shared mailbox
        var tag = Guid.NewGuid().ToString("N")[..8];

        var first = Mail($"Purifier shows E2 {tag}", "Hello, my purifier shows E2 since yesterday.", $"first-{tag}@customer.test");
        await mail.SendToSupportAsync(first);
        var results = await intake.PollOnceAsync(CancellationToken.None);

        var created = Assert.Single(results, r => r.Outcome == IntakeOutcome.NewTicket);
        var firstDraft = (await host.Get<SupportCopilot.Core.Drafting.DraftingService>().EnsureDraftAsync(created.TicketId!.Value))!;
        var ticket = (await host.Get<TicketService>().GetAsync(created.TicketId!.Value))!;
        Assert.Equal((TicketChannel.Email, $"Purifier shows E2 {tag}", "robin@customer.test"), (ticket.Channel, ticket.Subject, ticket.CustomerEmail));
        Assert.Equal(first.MessageId, Assert.Single(ticket.Messages).MessageId);

        var reply = Mail($"Re: Purifier shows E2 {tag}", "It also beeps now.", $"second-{tag}@customer.test");
        reply.InReplyTo = "unknown@elsewhere.test";
        reply.References.Add(first.MessageId!);
        await mail.SendToSupportAsync(reply);
        results = await intake.PollOnceAsync(CancellationToken.None);

        Assert.Equal(created.TicketId, Assert.Single(results).TicketId);
        Assert.Equal(IntakeOutcome.Reply, results[0].Outcome);
        var thread = (await host.Get<TicketService>().GetAsync(created.TicketId.Value))!.Messages;
        Assert.Equal(2, thread.Count);
        Assert.Empty(await intake.PollOnceAsync(CancellationToken.None));
        // The mailed follow-up gets its own draft (issue 15.1), the first one is superseded.
        var second = (await host.Get<SupportCopilot.Core.Drafting.DraftingService>().EnsureDraftAsync(created.TicketId.Value))!;
        Assert.Equal((firstDraft.Version + 1, thread[1].Id), (second.Version, second.AnswersMessageId));
    }

    [Fact]
    public async Task Intake_SameMailTwice_AutoReplies_AndHtmlOnlyMail()
    {
        await using var host = await TestHost.StartAsync();
        var intake = host.Get<ImapIntake>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var mailOnce = Mail("Hello", "Body", $"dup-{tag}@customer.test");

        Assert.Equal(IntakeOutcome.NewTicket, (await intake.IntakeAsync(mailOnce, default)).Outcome);
        Assert.Equal(IntakeOutcome.Duplicate, (await intake.IntakeAsync(mailOnce, default)).Outcome);

        var ooo = Mail("Out of office", "I am away.", $"ooo-{tag}@customer.test");
        ooo.Headers.Add("Auto-Submitted", "auto-replied");
        Assert.Equal(IntakeOutcome.Skipped, (await intake.IntakeAsync(ooo, default)).Outcome);

        var html = new MimeMessage { Subject = "Html only", MessageId = $"html-{tag}@customer.test" };
        html.From.Add(new MailboxAddress("Robin", "robin@customer.test"));
        html.Body = new TextPart("html") { Text = "<p>Fan <b>stops</b></p><script>alert(1)</script>" };
        var result = await intake.IntakeAsync(html, default);
        var ticket = (await host.Get<TicketService>().GetAsync(result.TicketId!.Value))!;
        Assert.Equal("Fan stops", ticket.Messages[0].Body);
    }

    private static MimeMessage Mail(string subject, string body, string messageId)
    {
        var m = new MimeMessage { Subject = subject, MessageId = messageId, Body = new TextPart("plain") { Text = body } };
        m.From.Add(new MailboxAddress("Robin Ortega", "robin@customer.test"));
        m.To.Add(new MailboxAddress("Support", MailServers.User));
        return m;
    }
}
