using Microsoft.Playwright;

namespace SupportCopilot.Web.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public class RolePagesTests(BrowserApp app)
{
    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Manager_OpensDashboard_SeesSeededTicketCount()
    {
        var page = await app.SignInAsync("manager@demo.local", "/dashboard");

        await Assertions.Expect(page.Locator("[data-testid=metric-tickets]")).Not.ToHaveTextAsync("0");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "dashboard.png") });
        await Assertions.Expect(page.Locator("nav a[href='/tickets']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Manager_ChangesTheDateRange_AndTheNumbersChange()
    {
        var page = await app.SignInAsync("manager@demo.local", "/dashboard");
        var tickets = page.Locator("[data-testid=metric-tickets]");
        var dashboard = app.Get<SupportCopilot.Core.Dashboard.DashboardService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        async Task<string> Expected(int days) => (await dashboard.MetricsAsync(new(today.AddDays(1 - days), today, TimeZoneInfo.Utc, new()))).Tickets.ToString();

        await page.ClickAsync("button[data-testid=last-90]");
        await Assertions.Expect(tickets).ToHaveTextAsync(await Expected(90));
        await page.ClickAsync("button[data-testid=last-7]");
        await Assertions.Expect(tickets).ToHaveTextAsync(await Expected(7));

        Assert.NotEqual(await Expected(90), await Expected(7)); // the seeded history makes the ranges differ
        await Assertions.Expect(page.Locator("[data-testid=definitions]")).ToContainTextAsync("Deflection rate");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "dashboard-7-days.png"), FullPage = true });
    }

    [Fact]
    public async Task Manager_InBerlin_SeesBerlinsDays_AndFindsAZoneByTyping()
    {
        var page = await app.SignInAsync("manager@demo.local", "/dashboard", timeZone: "Europe/Berlin");
        var zone = page.Locator("input[data-testid=time-zone]");

        await Assertions.Expect(zone).ToHaveValueAsync("Europe/Berlin"); // the browser's own zone, not UTC
        await Assertions.Expect(page.Locator("[data-testid=csv-summary]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("tz=Europe%2FBerlin"));

        await zone.FillAsync("new york");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "America/New_York" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=csv-summary]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("tz=America%2FNew_York"));
    }

    [Fact]
    public async Task Agent_IsRefusedTheDashboard()
    {
        var page = await app.SignInAsync("agent@demo.local", "/");
        await page.GotoAsync("/dashboard");
        await Assertions.Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Admin_OpensKnowledge_SeesEverySampleDocumentReady()
    {
        var page = await app.SignInAsync("admin@demo.local", "/knowledge");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "knowledge-first.png"), FullPage = true });

        var rows = page.Locator("[data-testid=documents] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "knowledge-samples", "docs")).Length);
        await Assertions.Expect(page.Locator("[data-testid=documents]")).Not.ToContainTextAsync("Failed");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "knowledge.png"), FullPage = true });
    }

    [Fact]
    public async Task Agent_Queue_ListsSeededTickets()
    {
        var page = await app.SignInAsync("agent@demo.local", "/tickets");

        await Assertions.Expect(page.Locator("[data-testid=ticket-queue] tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "queue.png") });
        await page.GotoAsync("/account/login");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "login.png") });
    }

    [Fact]
    public async Task Admin_OpensTriage_SeesModelsTaxonomyAndRules()
    {
        var page = await app.SignInAsync("admin@demo.local", "/admin/triage");

        await Assertions.Expect(page.Locator("[data-testid=models] tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=categories]")).ToContainTextAsync("Billing & Payments");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "triage-admin.png"), FullPage = true });
    }
}
