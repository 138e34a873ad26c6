using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace SupportCopilot.Web.Tests.EndToEnd;

/// <summary>Issue 20.5 in Chromium: a file sent with a ticket is listed under its message and downloads, never opens inline.</summary>
[Collection(BrowserCollection.Name)]
public class AttachmentsBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task AttachmentSentThroughTheApi_IsListedInTheThread_AndDownloadsWithSafeHeaders()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF");
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Add("X-Api-Key", AppFactory.BootstrapKey);
        var form = new MultipartFormDataContent
        {
            { new StringContent("Receipt for my return"), "subject" }, { new StringContent("My receipt is attached, please refund."), "body" },
            { new StringContent("attach@example.com"), "customerEmail" }, { new ByteArrayContent(pdf), "files", "receipt.pdf" },
        };
        var created = await api.PostAsync("/api/tickets", form);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var page = await app.SignInAsync("agent@demo.local", $"/tickets/{id}");
        var link = page.Locator("[data-testid=attachments] a[data-testid=attachment]");
        await Assertions.Expect(link).ToHaveTextAsync("receipt.pdf");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("receipt.pdf", download.SuggestedFilename);
        var response = await page.APIRequest.GetAsync((await link.GetAttributeAsync("href"))!); // with the agent's cookie
        Assert.Equal(200, response.Status);
        Assert.StartsWith("attachment", response.Headers["content-disposition"]);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
        Assert.Equal(pdf, await response.BodyAsync());
    }
}
