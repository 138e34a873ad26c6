using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace SupportCopilot.Web.Tests.EndToEnd;

/// <summary>Issue 20.6 in Chromium: an admin creates a user and an API key (each secret shown once), and revokes the key.</summary>
[Collection(BrowserCollection.Name)]
public class UsersPageTests(BrowserApp app)
{
    [Fact]
    public async Task Admin_CreatesAUserWhoCanSignIn_AndAnApiKeyThatWorksUntilRevoked()
    {
        var page = await app.SignInAsync("admin@demo.local", "/admin/users");
        var email = $"kim.{Guid.NewGuid():N}"[..16] + "@example.com";
        await page.Locator("input[data-testid=user-email]").FillAsync(email);
        await page.Locator("input[data-testid=user-name]").FillAsync("Kim New");
        await page.Locator("button[data-testid=user-create]").ClickAsync();
        var password = await page.Locator("[data-testid=user-password-value]").InnerTextAsync();
        await Assertions.Expect(page.Locator($"[data-testid=user-row][data-email='{email}']")).ToContainTextAsync("active");
        // The one-time password box as axe-core reads it (once the snackbar's fade, which axe reads mid-way, is over).
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page);

        var kim = await app.SignInAsync(email, "/tickets", password);
        await Assertions.Expect(kim.Locator("[data-testid=ticket-queue]")).ToBeVisibleAsync();

        var name = $"bridge-{Guid.NewGuid():N}"[..16];
        await page.Locator("input[data-testid=key-name]").FillAsync(name);
        await page.Locator("button[data-testid=key-create]").ClickAsync();
        var secret = await page.Locator("[data-testid=key-secret-value]").InnerTextAsync();
        Assert.StartsWith("sc_", secret);
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Add("X-Api-Key", secret);
        var created = await api.PostAsync("/api/tickets", JsonContent.Create(new { subject = "Via new key", body = "Hello there, my filter is red.", customerEmail = "key@example.com" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var row = page.Locator($"[data-testid=key-row][data-name='{name}']");
        await row.Locator("button[data-testid=key-revoke]").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("revoked");
        var refused = await api.PostAsync("/api/tickets", JsonContent.Create(new { subject = "After revoke", body = "Hello again, still red.", customerEmail = "key@example.com" }));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
