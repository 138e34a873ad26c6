using Microsoft.Playwright;
using SupportCopilot.Core.Drafting;

namespace SupportCopilot.Web.Tests.EndToEnd;

/// <summary>Issue 20.2: the ticket page by keyboard — ? lists the keys, e edits, Esc leaves the editor, r rejects, n opens the next ticket.</summary>
[Collection(BrowserCollection.Name)]
public class ShortcutsTests(BrowserApp app)
{
    [Fact]
    public async Task Agent_WorksTheTicketByKeys()
    {
        var id = await app.CreateTicketAsync("Keys " + Guid.NewGuid().ToString("N")[..6], "How do I reset the filter light?", $"keys.{Guid.NewGuid():N}@example.com");
        await app.Get<DraftingService>().EnsureDraftAsync(id);
        var page = await app.SignInAsync("agent@demo.local", $"/tickets/{id}");
        await Assertions.Expect(page.Locator("button[data-testid=approve]")).ToBeEnabledAsync();

        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.Locator("[data-testid=shortcuts]")).ToContainTextAsync("approve & next");

        await page.Keyboard.PressAsync("e");
        await Assertions.Expect(page.Locator("textarea[data-testid=draft-text]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("r"); // typed into the editor, not a shortcut
        await Assertions.Expect(page.Locator("input[data-testid=reason-MissingKnowledge]")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("textarea[data-testid=draft-text]")).Not.ToBeFocusedAsync();

        await page.Keyboard.PressAsync("r");
        await Assertions.Expect(page.Locator("input[data-testid=reason-MissingKnowledge]")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("n");
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/tickets/{id}$"));
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/tickets/\d+$"));
    }
}
