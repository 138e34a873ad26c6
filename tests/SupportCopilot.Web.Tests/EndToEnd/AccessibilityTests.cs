using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SupportCopilot.Web.Tests.EndToEnd;

/// <summary>Issue 20.7: axe-core on every page each role opens, in light and dark: no serious or critical violation.</summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityTests(BrowserApp app)
{
    public static TheoryData<string, string, bool> Pages() => new()
    {
        { "agent@demo.local", "/", false }, { "agent@demo.local", "/tickets", false }, { "agent@demo.local", "/tickets", true },
        { "agent@demo.local", "/tickets/1", false }, { "agent@demo.local", "/tickets/1", true }, { "agent@demo.local", "/profile", false },
        { "manager@demo.local", "/dashboard", false }, { "manager@demo.local", "/dashboard", true },
        { "admin@demo.local", "/knowledge", false }, { "admin@demo.local", "/knowledge", true }, { "admin@demo.local", "/admin/triage", false },
        { "admin@demo.local", "/admin/settings", false }, { "admin@demo.local", "/admin/macros", false }, { "admin@demo.local", "/admin/macros", true }, { "admin@demo.local", "/admin/users", false }, { "admin@demo.local", "/admin/users", true }, { "admin@demo.local", "/admin/outbox", false }, { "admin@demo.local", "/admin/audit", false },
        { "admin@demo.local", "/admin/erase", false }, { "admin@demo.local", "/knowledge/1", false }, { "admin@demo.local", "/knowledge/1", true },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoSeriousOrCriticalViolations(string email, string path, bool dark)
    {
        var page = await app.SignInAsync(email, path, colorScheme: dark ? ColorScheme.Dark : ColorScheme.Light);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", dark ? "dark" : "light");
        await page.WaitForSelectorAsync("[data-interactive=true]");

        await AssertNoSeriousViolationsAsync(page);
    }

    /// <summary>axe-core's serious and critical findings, each with a few of the elements behind it.</summary>
    internal static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var bad = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {v.Nodes.Length} nodes, e.g. {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html.Length > 160 ? n.Html[..160] : n.Html))}")));
    }

    [Theory]
    [InlineData("/admin/settings", "access-denied")] // an agent on an admin page
    [InlineData("/no-such-page", "not-found")]
    public async Task RefusalAndNotFoundPages_HaveNoSeriousOrCriticalViolations(string path, string testId)
    {
        var page = await app.SignInAsync("agent@demo.local", "/");
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator($"[data-testid={testId}]")).ToBeVisibleAsync();

        await AssertNoSeriousViolationsAsync(page);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SignInPage_HasNoSeriousOrCriticalViolations(bool dark)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", dark ? "dark" : "light");

        await AssertNoSeriousViolationsAsync(page);
    }
}
