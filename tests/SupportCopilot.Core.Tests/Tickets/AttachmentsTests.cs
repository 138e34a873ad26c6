using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Mail;
using SupportCopilot.Core.Memory;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Tickets;

/// <summary>Issue 20.5: attachments checked by their bytes, stored with the message, refused ones noted, erased with the customer.</summary>
public class AttachmentsTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF");
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    [Theory]
    [InlineData("receipt.pdf", "application/pdf")]
    [InlineData("photo.jpg", "image/png")] // the bytes say PNG: the name does not decide
    [InlineData("error.log", "text/plain")]
    public void AcceptedFiles_GetTheTypeTheirBytesSay(string name, string type)
    {
        var bytes = name.EndsWith(".pdf") ? Pdf : name.EndsWith(".jpg") ? Png : Encoding.UTF8.GetBytes("E5 at 10:32\nE7 at 10:40\n");
        Assert.Equal((type, (string?)null), Attachments.Check(name, bytes));
    }

    [Theory]
    [InlineData("invoice.pdf", new byte[] { (byte)'M', (byte)'Z', 0x90, 0 }, "not an accepted type")] // an executable named .pdf
    [InlineData("page.txt", new byte[] { (byte)'<', (byte)'h', (byte)'t', (byte)'m', (byte)'l', (byte)'>' }, "not an accepted type")] // markup
    [InlineData("bundle.zip", new byte[] { (byte)'P', (byte)'K', 3, 4, 0 }, "not an accepted type")] // a plain ZIP can carry anything
    [InlineData("empty.txt", new byte[0], "empty")]
    public void RefusedFiles_SayWhy_NamingTheFile(string name, byte[] bytes, string reason)
    {
        var (type, error) = Attachments.Check(name, bytes);
        Assert.Null(type);
        Assert.StartsWith(name + ":", error);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void TooLargeAndTooMany_AreRefused()
    {
        Assert.Contains("larger than 10 MB", Attachments.Check("big.pdf", new byte[Attachments.MaxBytes + 1]).Error);
        var (accepted, refused) = Attachments.Sort(Enumerable.Range(1, 7).Select(i => new IncomingFile($"f{i}.pdf", Pdf)).ToList());
        Assert.Equal(5, accepted.Count);
        Assert.Equal(2, refused.Count);
        Assert.All(refused, r => Assert.Contains("more than 5 files", r));
    }

    [Fact]
    public async Task MailedAttachments_AreStoredWithTheMessage_ARefusedOneLeavesANote_AndErasureRemovesThem()
    {
        await using var host = await TestHost.StartAsync();
        var mail = new MimeMessage { Subject = "Broken on arrival", MessageId = $"att-{Guid.NewGuid():N}@customer.test" };
        mail.From.Add(new MailboxAddress("Robin", "robin.att@customer.test"));
        var body = new BodyBuilder { TextBody = "Photo and receipt attached." };
        body.Attachments.Add("receipt.pdf", Pdf, new ContentType("application", "pdf"));
        body.Attachments.Add("setup.exe", [(byte)'M', (byte)'Z', 0x90, 0], new ContentType("application", "octet-stream"));
        mail.Body = body.ToMessageBody();

        var result = await host.Get<ImapIntake>().IntakeAsync(mail, default);

        var id = result.TicketId!.Value;
        var stored = Assert.Single(await host.Get<Attachments>().ListAsync(id));
        Assert.Equal(("receipt.pdf", "application/pdf", (long)Pdf.Length), (stored.FileName, stored.ContentType, stored.Size));
        var ticket = (await host.Get<TicketService>().GetAsync(id))!;
        Assert.Equal(ticket.Messages.First(m => m.Author == MessageAuthor.Customer).Id, stored.MessageId);
        Assert.Equal(Pdf, (await host.Get<Attachments>().GetAsync(id, stored.Id))!.Bytes);
        var note = Assert.Single(ticket.Messages, m => m.Author == MessageAuthor.Note);
        Assert.Contains("setup.exe: not an accepted type", note.Body);

        await host.Get<CustomerErasure>().EraseAsync("robin.att@customer.test", Actor.System);
        await using var db = host.Db();
        Assert.False(await db.TicketAttachments.AnyAsync(a => a.TicketId == id));
    }
}
