using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Web.Platform;

namespace SupportCopilot.Web.Tests.Platform;

/// <summary>Issue 21, security: headers, sign-out, lock-out answers, return URLs and the diagnostics endpoints.</summary>
[Collection(AppCollection.Name)]
public class SecurityHeadersTests(AppFactory app)
{
    [Theory]
    [InlineData("/account/login", false)]
    [InlineData("/tickets", true)]
    [InlineData("/api/tickets/999999", true)]
    [InlineData("/health/live", false)]
    public async Task EveryAnswer_CarriesNosniffAndTheContentSecurityPolicy(string path, bool signedIn)
    {
        using var client = signedIn ? await app.SignedInClientAsync("agent@demo.local") : app.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
        Assert.Contains("script-src 'self';", csp); // no inline script, no eval
        Assert.Contains("img-src 'self' data:;", csp); // no remote images
    }

    [Fact]
    public async Task EveryPage_NamesTheAppsFavicon_AndItIsServed()
    {
        using var client = app.CreateClient();

        var page = await client.GetStringAsync("/account/login");
        var href = System.Text.RegularExpressions.Regex.Match(page, @"<link rel=""icon""[^>]*href=""([^""]+)""").Groups[1].Value;
        var icon = await client.GetAsync("/" + href.TrimStart('/'));

        Assert.StartsWith("favicon", href); // no browser-guessed /favicon.ico, so no console 404 on every visit (issue 20)
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OriginalDocument_IsServedWithNosniff()
    {
        using var client = await app.SignedInClientAsync("agent@demo.local");
        await using var db = app.Db();
        var id = db.Documents.Select(d => d.Id).First();

        var response = await client.GetAsync($"/documents/{id}/original");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_IsRefused_AndTheAgentStaysSignedIn()
    {
        using var client = await app.SignedInClientAsync("agent@demo.local");

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tickets")).StatusCode); // still signed in
    }

    [Fact]
    public async Task Logout_WithTheToken_SignsOut()
    {
        using var client = await app.SignedInClientAsync("agent@demo.local");
        var page = await client.GetStringAsync("/tickets");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", (await client.GetAsync("/tickets")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_LockedAccountAndUnknownAccount_AnswerTheSame()
    {
        var existing = $"locked.{Guid.NewGuid():N}@corp.test";
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Core.Security.AppUser>>();
            Assert.Null(await UserCommand.CreateAsync(users, existing, Core.Security.Roles.Agent, null, "Correct-horse-battery-9"));
        }
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        string? last = null, unknown = null;
        for (var i = 0; i < 6; i++) last = (await AppFactory.PostLoginAsync(client, existing, "wrong-password")).Headers.Location?.OriginalString;
        for (var i = 0; i < 6; i++) unknown = (await AppFactory.PostLoginAsync(client, $"nobody.{Guid.NewGuid():N}@corp.test", "wrong-password")).Headers.Location?.OriginalString;

        Assert.Equal(unknown, last);
        // Even the right password now gets the same answer while the lock lasts.
        Assert.Equal(unknown, (await AppFactory.PostLoginAsync(client, existing, "Correct-horse-battery-9")).Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("/。evil.example")]
    [InlineData("/\\evil.example")]
    public async Task SignIn_WithAnOddReturnUrl_GoesHome_NeverA500(string returnUrl)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await AppFactory.PostLoginAsync(client, "manager@demo.local", app.PasswordOf("manager@demo.local"), returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/_diagnostics/circuits")]
    [InlineData("/_diagnostics/memory")]
    public async Task Diagnostics_AreNotMapped_WithoutTheSwitch_AndNeverAnonymous(string path)
    {
        // The shared app runs in Development without Diagnostics:MemoryEndpoint: neither endpoint exists.
        Assert.NotEqual(HttpStatusCode.OK, (await app.ApiClient(key: null).GetAsync(path)).StatusCode);
        await using var withSwitch = app.WithWebHostBuilder(b => b.UseSetting("Diagnostics:MemoryEndpoint", "true"));
        var anonymous = withSwitch.CreateClient(new() { AllowAutoRedirect = false });
        var refused = await anonymous.GetAsync(path);
        Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized || refused.Headers.Location?.OriginalString.Contains("/account/login") == true, refused.StatusCode.ToString());
        var keyed = withSwitch.CreateClient();
        keyed.DefaultRequestHeaders.Add("X-Api-Key", AppFactory.BootstrapKey);
        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync(path)).StatusCode);
    }
}
