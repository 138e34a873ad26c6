using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SupportCopilot.Web.Tests.Account;

/// <summary>POST /account/theme: a signed-in user's remembered choice, antiforgery-checked, only local return addresses, bad modes refused.</summary>
[Collection(AppCollection.Name)]
public partial class ThemeEndpointTests(AppFactory app)
{
    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string mode, string returnUrl, bool withToken = true)
    {
        var page = await client.GetStringAsync("/"); // the user menu's forms carry the token
        var form = new Dictionary<string, string> { ["mode"] = mode, ["returnUrl"] = returnUrl };
        if (withToken) form["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        return await client.PostAsync("/account/theme", new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Dark_IsRemembered_AndTheNextPageIsRenderedDark()
    {
        var client = await app.SignedInClientAsync("agent@demo.local");

        var response = await PostAsync(client, "dark", "/tickets?sort=sla");

        Assert.Equal((HttpStatusCode.Redirect, "/tickets?sort=sla"), (response.StatusCode, response.Headers.Location?.OriginalString));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sc-theme=dark", StringComparison.Ordinal) && c.Contains("max-age=31536000", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("data-theme=\"dark\"", await client.GetStringAsync("/tickets"));
        // "next" after dark is the device's setting again: the cookie goes
        var back = await PostAsync(client, "next", "/");
        Assert.Contains(back.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sc-theme=;", StringComparison.Ordinal));
        Assert.Contains("data-theme-mode=\"system\"", await client.GetStringAsync("/tickets"));
    }

    [Theory]
    [InlineData("purple")]
    [InlineData("7")]
    public async Task UnknownMode_IsRefused(string mode)
    {
        var client = await app.SignedInClientAsync("manager@demo.local");
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, mode, "/")).StatusCode);
    }

    [Fact]
    public async Task WithoutTheAntiforgeryToken_OrToAnotherSite_NothingHappensThere()
    {
        var client = await app.SignedInClientAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, "dark", "/", withToken: false)).StatusCode);
        Assert.Equal("/", (await PostAsync(client, "light", "https://evil.example/")).Headers.Location?.OriginalString);
        // and signed out, the endpoint is not there to use (the sign-in page follows the device)
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await anonymous.PostAsync("/account/theme", new FormUrlEncodedContent(new Dictionary<string, string> { ["mode"] = "dark" }));
        Assert.StartsWith("http://localhost/account/login", response.Headers.Location?.ToString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")] private static partial Regex Token();
}
