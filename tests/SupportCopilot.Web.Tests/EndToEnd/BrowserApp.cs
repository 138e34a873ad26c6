using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace SupportCopilot.Web.Tests.EndToEnd;

/// <summary>
/// The app on a real Kestrel port and Debian's Chromium driven by Playwright (never `playwright install`:
/// nothing can be downloaded here). CI installs the chromium package; CHROMIUM_PATH overrides the location.
/// </summary>
public sealed class BrowserApp : AppFactory, IAsyncLifetime
{
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
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
    public async Task<IPage> SignInAsync(string email, string startPath)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = BaseUrl });
        await page.GotoAsync(startPath);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", PasswordOf(email));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"**{startPath}");
        // A click before the circuit attaches to the prerendered page would be lost.
        await page.WaitForSelectorAsync("[data-interactive=true]");
        return page;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
