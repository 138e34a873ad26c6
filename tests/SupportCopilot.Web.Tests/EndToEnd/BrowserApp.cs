using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using SupportCopilot.Core.Security;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace SupportCopilot.Web.Tests.EndToEnd;

/// <summary>
/// The app on a real Kestrel port and Debian's Chromium driven by Playwright (never `playwright install`:
/// nothing can be downloaded here). CI installs the chromium package; CHROMIUM_PATH overrides the location.
/// Approved replies go out over SMTP to a real exim4 on loopback, so tests can check the mail that arrived.
/// </summary>
public class BrowserApp : AppFactory, IAsyncLifetime
{
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    public SupportCopilot.Core.Tests.Mail.MailServers Mail { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Mail.SmtpSettings()) builder.UseSetting(key, value);
    }

    /// <summary>A second agent, so two agents can work one ticket in two browser contexts.</summary>
    public async Task<string> EnsureAgentAsync(string email, string password)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is null)
        {
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0] };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, Roles.Agent);
        }
        return password;
    }

    public virtual async Task InitializeAsync()
    {
        await Mail.InitializeAsync();
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            // This machine has no internet: stop Chromium from trying to reach Google's services.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Signs in through the real sign-in form and waits until the Blazor circuit is attached.</summary>
    /// <param name="timeZone">The browser's time zone: UTC unless a test is about another (pages that show days follow it).</param>
    /// <param name="colorScheme">The device's light/dark setting as the page sees it.</param>
    public async Task<IPage> SignInAsync(string email, string startPath, string? password = null, string timeZone = "UTC", ColorScheme colorScheme = ColorScheme.Light)
    {
        // Each sign-in gets its own browser context: its own cookies, as two people on two machines.
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, TimezoneId = timeZone, ColorScheme = colorScheme });
        var page = await context.NewPageAsync();
        await page.GotoAsync(startPath);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password ?? PasswordOf(email));
        await page.ClickAsync("button[type=submit]");
        // Poll the URL, never WaitForURLAsync: when the redirect has already landed by the time it is called, Playwright
        // .NET waits for the page's load event instead (WaitUntil Commit maps to no load state, so to Load), and a load
        // event that fired in between is never seen — the 60 s timeouts of stop 32 ("NetworkIdle event fired" in its log).
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(startPath) + "$"), new() { Timeout = 60_000 });
        }
        catch (PlaywrightException e)
        {
            var body = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)");
            throw new TimeoutException($"Signing in as {email} did not reach {startPath} in 60 s; the page is at {page.Url}: {body[..Math.Min(400, body.Length)]}", e);
        }
        await page.WaitForSelectorAsync("[data-interactive=true]", new() { Timeout = 60_000 });
        return page;
    }

    /// <summary>Creates a ticket through the API, as an integration would; returns its id.</summary>
    public async Task<int> CreateTicketAsync(string subject, string body, string customer, string? name = "Robin")
    {
        using var api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        api.DefaultRequestHeaders.Add("X-Api-Key", BootstrapKey);
        var created = await api.PostAsJsonAsync("/api/tickets", new { subject, body, customerEmail = customer, customerName = name });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeBrowserAsync();

    protected virtual async Task DisposeBrowserAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await DisposeAsync();
        await Mail.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
