using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SupportCopilot.Web.Tests.EndToEnd;

/// <summary>Issue 20.4 in Chromium: an admin adds a macro, an agent inserts it with `m` filled for the ticket, the manager sees it counted.</summary>
[Collection(BrowserCollection.Name)]
public class MacroTests(BrowserApp app)
{
    [Fact]
    public async Task AdminAddsAMacro_AgentInsertsItFilledIn_ManagerSeesItCounted()
    {
        var name = $"Order number {Guid.NewGuid():N}"[..22];
        var admin = await app.SignInAsync("admin@demo.local", "/admin/macros");
        await admin.Locator("input[data-testid=macro-name]").FillAsync(name);
        await admin.Locator("textarea[data-testid=macro-body]").FillAsync("Hi {customer.firstName}, could you send the order number for #{ticket.id}? {agent.name}");
        await admin.Locator("button[data-testid=macro-save]").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid=macro-row]", new() { HasText = name })).ToBeVisibleAsync();

        // A typo in a placeholder is refused, not saved.
        await admin.Locator("input[data-testid=macro-name]").FillAsync(name + " typo");
        await admin.Locator("textarea[data-testid=macro-body]").FillAsync("Hi {custmer.firstName}");
        await admin.Locator("button[data-testid=macro-save]").ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar", new() { HasText = "Unknown placeholder {custmer.firstName}" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("[data-testid=macro-row]", new() { HasText = name + " typo" })).ToHaveCountAsync(0);

        var id = await app.CreateTicketAsync("Where is my parcel", "I ordered a purifier last week and nothing arrived yet.", "macro@example.com", "Robin Meyer");
        var page = await app.SignInAsync("agent@demo.local", $"/tickets/{id}");
        var draft = page.Locator("textarea[data-testid=draft-text]");
        await Assertions.Expect(draft).ToHaveValueAsync(new Regex(@"\S"));
        await Assertions.Expect(draft).ToBeEnabledAsync();
        await page.Locator("h1").ClickAsync(); // outside any field, where the shortcut keys work
        // Typed straight after m, before the search field has arrived: the letters go to it, not to the shortcuts
        // (an "e" would focus the editor, an "r" open the reject form).
        await page.Keyboard.PressAsync("m");
        await page.Keyboard.TypeAsync(name[..11]);
        var search = page.Locator("input[data-testid=macro-search]");
        await Assertions.Expect(search).ToBeFocusedAsync();
        await Assertions.Expect(search).ToHaveValueAsync(name[..11]);
        // The list for those letters shows, so the server has handled the field's focus by now; a letter typed next goes
        // after them. (MudBlazor selected the whole text on focus, and that letter replaced it: CI once got "r".)
        var option = page.Locator("[data-testid=macro-option]", new() { HasText = name });
        await Assertions.Expect(option).ToBeVisibleAsync();
        await page.Keyboard.TypeAsync(name[11..12]);
        await Assertions.Expect(search).ToHaveValueAsync(name[..12]);
        await option.ClickAsync();

        await Assertions.Expect(draft).ToHaveValueAsync(new Regex($@"\n\nHi Robin, could you send the order number for #{id}\? Alex Agent"));
        await Assertions.Expect(page.Locator("[data-testid=reject-form], textarea[data-testid=reject-note]")).ToHaveCountAsync(0);

        var manager = await app.SignInAsync("manager@demo.local", "/dashboard");
        await Assertions.Expect(manager.Locator("[data-testid=table-macros] tr", new() { HasText = name })).ToContainTextAsync("1");
    }
}
