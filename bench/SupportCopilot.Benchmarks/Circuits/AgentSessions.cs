using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SupportCopilot.Benchmarks.Circuits;

/// <summary>One agent's session on the ticket page, as the circuits benchmark drives it.</summary>
internal interface IAgentSession : IAsyncDisposable
{
    /// <summary>Loads the ticket page and waits until its circuit shows an enabled Approve button.</summary>
    Task OpenAsync(int ticketId);

    /// <summary>Opens another ticket inside the circuit (Blazor navigation, no page load) until it shows with its draft.</summary>
    Task NavigateAsync(int ticketId);

    /// <summary>Approves the draft on the page until the page says it is approved.</summary>
    Task ApproveAsync();
}

/// <summary>A browserless session: <see cref="BlazorCircuitClient"/> speaking the circuit protocol, timing the server and the wire.</summary>
internal sealed class ProtocolSession(Uri baseUri, CookieContainer cookies, HttpClient http) : IAgentSession
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private BlazorCircuitClient? _client;

    private BlazorCircuitClient Client => _client ?? throw new InvalidOperationException("Open the session first.");

    public async Task OpenAsync(int ticketId)
    {
        _client = await BlazorCircuitClient.ConnectAsync(baseUri, $"tickets/{ticketId}", cookies, http);
        await WaitAsync(m => IsInteractive(m) && ApproveEnabled(m), $"ticket {ticketId} to become interactive");
    }

    public async Task NavigateAsync(int ticketId)
    {
        await Client.NavigateAsync(new Uri(baseUri, $"tickets/{ticketId}"));
        await WaitAsync(m => Shows(m, ticketId) && ApproveEnabled(m), $"ticket {ticketId} to show");
    }

    public async Task ApproveAsync()
    {
        await Client.ClickAsync(n => n.Name == "button" && n.Attributes.GetValueOrDefault("data-testid") == "approve");
        await WaitAsync(m => m.AllNodes().Any(n => n.Attributes.GetValueOrDefault("data-testid") == "approved"), "the approval");
    }

    private async Task WaitAsync(Func<RenderMirror, bool> done, string what)
    {
        try
        {
            await Client.WaitForAsync(done, Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {Patience.TotalSeconds:0} s for {what}; circuit error: {Client.Error ?? "none"}");
        }
    }

    private static bool IsInteractive(RenderMirror m) => m.AllNodes().Any(n => n.Attributes.GetValueOrDefault("data-interactive") == "true");

    private static bool ApproveEnabled(RenderMirror m) =>
        m.AllNodes().Any(n => n.Name == "button" && n.Attributes.GetValueOrDefault("data-testid") == "approve" && !n.Attributes.ContainsKey("disabled"));

    private static bool Shows(RenderMirror m, int ticketId) =>
        m.AllNodes().Any(n => n.Name == "h1" && n.TextContent().StartsWith($"#{ticketId} ", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
    }
}

/// <summary>A session in a Chromium page: the whole round trip including the browser, which on one 2-core machine shares the server's CPU.</summary>
internal sealed class BrowserSession(IBrowserContext context) : IAgentSession
{
    private IPage? _page;

    private IPage Page => _page ?? throw new InvalidOperationException("Open the session first.");

    public async Task OpenAsync(int ticketId)
    {
        _page = await context.NewPageAsync();
        await _page.GotoAsync($"/tickets/{ticketId}");
        await _page.WaitForSelectorAsync("[data-interactive=true]");
        await _page.WaitForSelectorAsync("button[data-testid=approve]:not([disabled])");
    }

    public async Task NavigateAsync(int ticketId)
    {
        await Page.EvaluateAsync($"Blazor.navigateTo('/tickets/{ticketId}')");
        await Page.WaitForSelectorAsync($"h1:has-text('#{ticketId} ')");
        await Page.WaitForSelectorAsync("button[data-testid=approve]:not([disabled])");
    }

    public async Task ApproveAsync()
    {
        // A DOM click, not Playwright's ClickAsync: its actionability checks wait on animation frames, which 200
        // pages in 8 renderer processes on 2 cores deliver slowly — that would time the browser, not the server.
        await Page.EvaluateAsync("document.querySelector('button[data-testid=approve]').click()");
        await Page.WaitForSelectorAsync("[data-testid=approved]");
    }

    public async ValueTask DisposeAsync()
    {
        if (_page is not null) await _page.CloseAsync();
    }
}

/// <summary>Signs the demo agent in over plain HTTP (the login form with its antiforgery token), for protocol sessions.</summary>
internal static partial class HttpSignIn
{
    public static async Task SignInAsync(HttpClient http, string email, string password)
    {
        var form = await http.GetStringAsync("account/login");
        var token = Token().Match(form).Groups[1].Value;
        using var response = await http.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["email"] = email, ["password"] = password,
        }));
        // A good sign-in redirects home with the cookie; a bad one shows the form again (the client must not follow redirects).
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("login", StringComparison.OrdinalIgnoreCase) != false)
            throw new InvalidOperationException($"Sign-in as {email} failed: HTTP {(int)response.StatusCode} {response.Headers.Location}");
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken"" value=""([^""]+)""")]
    private static partial Regex Token();
}
