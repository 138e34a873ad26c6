using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SupportCopilot.Core.Approval;

namespace SupportCopilot.Web.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public class ThinSliceTests(BrowserApp app)
{
    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Agent_OpensApiTicket_EditsAndApprovesDraft_ReplyIsInThreadAndSent()
    {
        // A ticket arrives through the public API.
        var id = await E2TicketAsync("e2e.customer@example.com", "Robin Ortega");

        var page = await app.SignInAsync("agent@demo.local", "/tickets");
        try
        {
            // It is in the queue; open it.
            await page.ClickAsync($"a[href='/tickets/{id}']");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/tickets/{id}$"), new() { Timeout = 30_000 }); // Blazor navigation: no "load" to wait for
            var draft = page.Locator("textarea[data-testid=draft-text]");
            await Assertions.Expect(draft).ToHaveValueAsync(new Regex(@"\[1\]"));
            await Assertions.Expect(page.Locator("[data-testid=citations]")).ToContainTextAsync("troubleshooting-guide.pdf");

            // Edit and approve.
            var original = await draft.InputValueAsync();
            var edited = original.Replace("Best regards", "Best regards,\nRobin's support team");
            await draft.FillAsync(edited);
            await page.ClickAsync("button[data-testid=approve]");
            await Assertions.Expect(page.Locator("[data-testid=approved]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=thread] [data-author=Agent]")).ToContainTextAsync("Robin's support team");
            await Assertions.Expect(page.Locator("[data-testid=ticket-status]")).ToHaveTextAsync("Replied");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "approved.png"), FullPage = true });

            // The outbox holds exactly the approved text as the customer receives it — without the draft's citation
            // markers (issue 17.3: the preview shows this version) — and the sender delivers it.
            await using var db = app.Db();
            var message = await db.Outbox.AsNoTracking().SingleAsync(o => o.TicketId == id);
            Assert.Contains("[1]", edited);
            Assert.Equal(System.Text.RegularExpressions.Regex.Replace(edited, @"[ \t]*\[\d\]", "").Replace("\r\n", "\n"), message.Body.Replace("\r\n", "\n"));
            for (var i = 0; i < 50 && message.Status != OutboxStatus.Sent; i++)
            {
                await Task.Delay(200);
                message = await db.Outbox.AsNoTracking().SingleAsync(o => o.TicketId == id);
            }
            Assert.Equal(OutboxStatus.Sent, message.Status);
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "failure.png"), FullPage = true });
            throw;
        }
    }

    /// <summary>The preview looks like the mail: MudBlazor's reset had put paragraphs flush together and the steps'
    /// numbers outside the card (seen in the walkthrough).</summary>
    [Fact]
    public async Task Preview_ShowsParagraphsApart_AndTheStepNumbersInsideTheCard()
    {
        var id = await E2TicketAsync("preview.customer@example.com", null);
        var page = await app.SignInAsync("agent@demo.local", $"/tickets/{id}");
        await Assertions.Expect(page.Locator("textarea[data-testid=draft-text]")).ToHaveValueAsync(new Regex(@"\n1\. "), new() { Timeout = 60_000 });

        await page.ClickAsync("[data-testid=draft-text-preview-tab]");
        var preview = page.Locator("[data-testid=preview]");
        await Assertions.Expect(preview.Locator("ol li").First).ToBeVisibleAsync();

        var gap = await preview.Locator("p").First.EvaluateAsync<double>("p => parseFloat(getComputedStyle(p).marginBottom)");
        Assert.True(gap > 0, "paragraphs sit flush together");
        var inside = await preview.EvaluateAsync<double>("d => d.querySelector('ol').getBoundingClientRect().left + parseFloat(getComputedStyle(d.querySelector('ol')).paddingLeft) - d.getBoundingClientRect().left");
        Assert.True(inside >= 16, $"the step numbers have {inside} px inside the preview");
    }

    /// <summary>A ticket through the public API whose draft quotes the E2 steps of the seeded troubleshooting guide.</summary>
    private async Task<int> E2TicketAsync(string email, string? name)
    {
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Add("X-Api-Key", AppFactory.BootstrapKey);
        var created = await api.PostAsJsonAsync("/api/tickets", new
        {
            subject = "E2 on the display after changing the filter",
            body = "Hello, since I put in the new filter my purifier shows error E2 and the fan does not run. What can I do?",
            customerEmail = email,
            customerName = name,
        });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task Agent_OpeningAdminPage_SeesAccessDenied()
    {
        var page = await app.SignInAsync("agent@demo.local", "/");
        await page.GotoAsync("/knowledge");
        await Assertions.Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
    }
}
