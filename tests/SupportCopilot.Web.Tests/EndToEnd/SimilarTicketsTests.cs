using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Drafting;

namespace SupportCopilot.Web.Tests.EndToEnd;

/// <summary>Issue 15.3 in Chromium: a similar answered ticket shows its (redacted) reply, and "Use this reply" — by keyboard —
/// puts it in the agent's editor with this customer's name, from where it is sent exactly as shown.</summary>
[Collection(BrowserCollection.Name)]
public class SimilarTicketsTests(BrowserApp app)
{
    [Fact]
    public async Task UseThisReply_ByKeyboard_FillsTheEditorForThisCustomer_AndSendsIt()
    {
        var word = "zorblax" + Guid.NewGuid().ToString("N")[..6]; // a product name no seeded ticket mentions
        var first = await app.CreateTicketAsync($"{word} humidifier beeps", $"My {word} humidifier beeps three times and stops misting.", $"first.{word}@example.com", "Quinn Harper");
        var agentId = await app.Db().Users.Where(u => u.Email == "agent@demo.local").Select(u => u.Id).SingleAsync();
        var draft = (await app.Get<DraftingService>().EnsureDraftAsync(first))!;
        var reply = $"Hi Quinn,\n\nthree beeps mean the {word} tank is empty: refill it and hold Mist for three seconds.\n\nBest regards,\nAgent";
        Assert.Equal(ApprovalOutcome.Approved, (await app.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, reply, agentId)).Outcome);

        var second = await app.CreateTicketAsync($"{word} humidifier beeping", $"The {word} humidifier beeps three times, then no mist.", $"second.{word}@example.com", "Robin Vale");
        var page = await app.SignInAsync("agent@demo.local", $"/tickets/{second}");

        var similar = page.Locator("[data-testid=similar-ticket]").First;
        await Assertions.Expect(similar.Locator("[data-testid=similar-link]")).ToHaveAttributeAsync("href", $"/tickets/{first}");
        await Assertions.Expect(similar.Locator("[data-testid=similar-reply]")).ToContainTextAsync("Hi [customer name],");
        await Assertions.Expect(similar).Not.ToContainTextAsync("Quinn");
        // The page settles first: on a loaded machine triage and the draft arrive after it opened, and each live update
        // re-renders the panels, which could take the focus from the button between focusing it and pressing Enter.
        await Assertions.Expect(page.Locator("textarea[data-testid=draft-text]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await similar.Locator("button[data-testid=use-reply]").PressAsync("Enter"); // focuses the button and presses Enter on it

        var own = page.Locator("textarea[data-testid=own-text]");
        await Assertions.Expect(own).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Hi Robin Vale,"));
        await page.ClickAsync("button[data-testid=send-own]");
        await Assertions.Expect(page.Locator("[data-testid=approved]")).ToBeVisibleAsync();
        await using var db = app.Db();
        var sent = await db.Outbox.AsNoTracking().Where(o => o.TicketId == second).Select(o => o.Body).SingleAsync();
        Assert.StartsWith("Hi Robin Vale,", sent);
        Assert.Contains("refill it and hold Mist", sent);
        Assert.DoesNotContain("Quinn", sent);
    }
}
