using Microsoft.Playwright;

namespace SupportCopilot.Web.Tests.EndToEnd;

/// <summary>Issue 20: at 390 px the app bar stays on one line — the title no longer runs into the user's name.</summary>
[Collection(BrowserCollection.Name)]
public class PhoneLayoutTests(BrowserApp app)
{
    [Fact]
    public async Task AppBar_At390px_KeepsTitleAndUserApart_AndDoesNotOverflow()
    {
        var page = await app.SignInAsync("manager@demo.local", "/dashboard");
        await page.SetViewportSizeAsync(390, 844);

        var title = await page.Locator("header h6").BoundingBoxAsync();
        var user = await page.Locator("[data-testid=signed-in-user]").BoundingBoxAsync();
        var toggle = await page.Locator("button[data-testid=theme-toggle]").BoundingBoxAsync();
        Assert.True(title!.X + title.Width <= user!.X, $"title ends at {title.X + title.Width}, the name starts at {user.X}");
        Assert.True(user.X + user.Width <= toggle!.X, "the name runs into the theme button");
        var overflow = await page.EvaluateAsync<bool>("() => { const bar = document.querySelector('.mud-toolbar-appbar'); return bar.scrollWidth > bar.clientWidth + 1; }");
        Assert.False(overflow);
        // the icon-only buttons keep their names for screen readers
        await Assertions.Expect(page.Locator("button[data-testid=theme-toggle]")).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("Theme: device"));
    }
}
