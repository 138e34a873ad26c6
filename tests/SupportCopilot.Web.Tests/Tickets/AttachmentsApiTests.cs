using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace SupportCopilot.Web.Tests.Tickets;

/// <summary>Issue 20.5: a ticket with files through the API, and how a stored file goes out.</summary>
[Collection(AppCollection.Name)]
public class AttachmentsApiTests(AppFactory app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF");

    private static MultipartFormDataContent Form(string subject, params (string Name, byte[] Bytes, string DeclaredType)[] files)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(subject), "subject" },
            { new StringContent("The receipt and a log are attached."), "body" },
            { new StringContent("files@example.com"), "customerEmail" },
        };
        foreach (var (name, bytes, type) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new(type);
            form.Add(part, "files", name);
        }
        return form;
    }

    [Fact]
    public async Task MultipartTicket_StoresItsFiles_WhichDownloadAsAttachmentsWithNosniff()
    {
        var api = app.ApiClient();
        var created = await api.PostAsync("/api/tickets", Form("Receipt attached", ("receipt.pdf", Pdf, "application/pdf"), ("e5.log", "E5 at 10:32"u8.ToArray(), "text/plain")));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("attachments").GetInt32());
        var id = body.GetProperty("id").GetInt32();
        await using var db = app.Db();
        var stored = await db.TicketAttachments.Where(a => a.TicketId == id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["receipt.pdf", "e5.log"], stored.Select(a => a.FileName));

        var download = await api.GetAsync($"/api/tickets/{id}/attachments/{stored[0].Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("receipt.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        // Another ticket's number with this file's id finds nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/tickets/{id + 100000}/attachments/{stored[0].Id}")).StatusCode);
    }

    [Fact]
    public async Task AnExecutableDeclaredAsPdf_RefusesTheRequest_AndNoTicketIsCreated()
    {
        var subject = $"Refused {Guid.NewGuid():N}";
        var response = await app.ApiClient().PostAsync("/api/tickets", Form(subject, ("invoice.pdf", [(byte)'M', (byte)'Z', 0x90, 0], "application/pdf")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invoice.pdf: not an accepted type", await response.Content.ReadAsStringAsync());
        await using var db = app.Db();
        Assert.False(await db.Tickets.AnyAsync(t => t.Subject == subject));
    }

    [Fact]
    public async Task MultipartFromASignedInBrowser_IsRefused_KeysOnly()
    {
        var client = await app.SignedInClientAsync("agent@demo.local");
        var response = await client.PostAsync("/api/tickets", Form("From a browser", ("receipt.pdf", Pdf, "application/pdf")));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task JsonTickets_AreStillHeldToOneMegabyte()
    {
        // The endpoint takes up to ~51 MB for files; a JSON body keeps its own limit, declared or streamed.
        var json = JsonSerializer.Serialize(new { subject = "Big", body = new string('x', 1_100_000), customerEmail = "big@example.com" });
        var declared = await app.ApiClient().PostAsync("/api/tickets", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        var streamed = await app.ApiClient().PostAsync("/api/tickets", JsonContent.Create(new { subject = "Big", body = new string('x', 1_100_000), customerEmail = "big@example.com" }));
        Assert.False(streamed.IsSuccessStatusCode);
    }

    private static MultipartFormDataContent FollowUp(string body, params (string Name, byte[] Bytes, string DeclaredType)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(body), "body" }, { new StringContent("<follow-up@mail.example>"), "messageId" } };
        foreach (var (name, bytes, type) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new(type);
            form.Add(part, "files", name);
        }
        return form;
    }

    private async Task<int> TicketAsync(string subject)
    {
        var created = await app.ApiClient().PostAsJsonAsync("/api/tickets", new { subject, body = "It beeps.", customerEmail = "follow@example.com" });
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task AFollowUpWithFiles_StoresThemWithThatMessage()
    {
        var id = await TicketAsync("Follow-up with a photo");
        var response = await app.ApiClient().PostAsync($"/api/tickets/{id}/messages", FollowUp("Here is the receipt you asked for.", ("receipt.pdf", Pdf, "application/pdf")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("attachments").GetInt32());
        var messageId = body.GetProperty("messageId").GetInt32();
        await using var db = app.Db();
        var file = await db.TicketAttachments.SingleAsync(a => a.TicketId == id);
        Assert.Equal((messageId, "receipt.pdf", "application/pdf"), (file.MessageId!.Value, file.FileName, file.ContentType));
        var message = await db.TicketMessages.SingleAsync(m => m.Id == messageId);
        Assert.Equal(("Here is the receipt you asked for.", "<follow-up@mail.example>"), (message.Body, message.MessageId));
    }

    [Fact]
    public async Task AFollowUpWithARefusedFile_AddsNoMessage()
    {
        var id = await TicketAsync("Follow-up refused");
        var response = await app.ApiClient().PostAsync($"/api/tickets/{id}/messages", FollowUp("See the invoice.", ("invoice.pdf", [(byte)'M', (byte)'Z', 0x90, 0], "application/pdf")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invoice.pdf: not an accepted type", await response.Content.ReadAsStringAsync());
        await using var db = app.Db();
        Assert.Equal(1, await db.TicketMessages.CountAsync(m => m.TicketId == id));
        Assert.False(await db.TicketAttachments.AnyAsync(a => a.TicketId == id));
    }

    [Fact]
    public async Task AFollowUpWithFiles_ToAMissingTicket_Is404_AndStoresNothing()
    {
        await using var before = app.Db();
        var files = await before.TicketAttachments.CountAsync();
        var response = await app.ApiClient().PostAsync("/api/tickets/99999999/messages", FollowUp("Hello?", ("receipt.pdf", Pdf, "application/pdf")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var db = app.Db();
        Assert.Equal(files, await db.TicketAttachments.CountAsync());
    }

    [Fact]
    public async Task FollowUps_WithFilesAreKeysOnly_AndJsonKeepsItsLimit()
    {
        var id = await TicketAsync("Follow-up limits");
        var browser = await app.SignedInClientAsync("agent@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync($"/api/tickets/{id}/messages", FollowUp("From a browser", ("receipt.pdf", Pdf, "application/pdf")))).StatusCode);

        var json = JsonSerializer.Serialize(new { body = new string('x', 1_100_000) });
        var big = await app.ApiClient().PostAsync($"/api/tickets/{id}/messages", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
    }
}
