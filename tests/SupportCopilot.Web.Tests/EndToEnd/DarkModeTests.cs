using Microsoft.Playwright;

namespace SupportCopilot.Web.Tests.EndToEnd;

/// <summary>Issue 20.7: dark mode follows the device, a toggle overrides it, and the choice is remembered.</summary>
[Collection(BrowserCollection.Name)]
public class DarkModeTests(BrowserApp app)
{
    [Fact]
    public async Task DarkDevice_GetsTheDarkTheme_TheToggleCyclesLightDarkDevice_AndTheChoiceSurvivesAReload()
    {
        var page = await app.SignInAsync("agent@demo.local", "/tickets", colorScheme: ColorScheme.Dark);
        var html = page.Locator("html");
        var toggle = page.Locator("button[data-testid=theme-toggle]");

        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "dark"); // the device's setting
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme-mode", "system");
        await Assertions.Expect(toggle.Locator(".theme-label-system")).ToBeVisibleAsync(); // only the current mode's label shows
        await Assertions.Expect(toggle.Locator(".theme-label-system")).ToHaveTextAsync("Theme: device");
        await Assertions.Expect(toggle.Locator(".theme-label-dark")).ToBeHiddenAsync();
        var darkBackground = await Background(page);

        await toggle.ClickAsync();
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "light");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tickets$")); // back where it was
        await page.WaitForSelectorAsync("[data-interactive=true]");
        Assert.NotEqual(darkBackground, await Background(page));

        await page.ReloadAsync();
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme-mode", "light"); // remembered
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "light");
        await Assertions.Expect(toggle.Locator(".theme-label-light")).ToBeVisibleAsync();
        await page.WaitForSelectorAsync("[data-interactive=true]");

        await page.Locator("button[data-testid=theme-toggle]").ClickAsync();
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme-mode", "dark");
        await page.WaitForSelectorAsync("[data-interactive=true]");
        await page.Locator("button[data-testid=theme-toggle]").ClickAsync();
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme-mode", "system");
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "dark");
    }

    private static Task<string> Background(IPage page) => page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
