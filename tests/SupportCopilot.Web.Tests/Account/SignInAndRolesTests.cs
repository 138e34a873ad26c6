using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SupportCopilot.Web.Tests.Account;

[Collection(AppCollection.Name)]
public class SignInAndRolesTests(AppFactory app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/tickets")]
    [InlineData("/knowledge")]
    [InlineData("/dashboard")]
    public async Task Page_Anonymous_RedirectsToSignIn(string path)
    {
        var response = await app.ApiClient(key: null).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task SignIn_WithDemoAgent_ReturnsToTheRequestedPage()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await AppFactory.PostLoginAsync(client, "agent@demo.local", app.PasswordOf("agent@demo.local"), "/tickets");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/tickets", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tickets")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_ShowsErrorAndSetsNoCookie()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await AppFactory.PostLoginAsync(client, "manager@demo.local", "wrong-password");

        Assert.StartsWith("/account/login?error=invalid", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/dashboard")).StatusCode);
        Assert.Contains("not correct", await client.GetStringAsync(response.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task SignIn_WithExternalReturnUrl_StaysOnThisSite()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await AppFactory.PostLoginAsync(client, "agent@demo.local", app.PasswordOf("agent@demo.local"), "//evil.example/x");
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRejected()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "agent@demo.local", ["password"] = app.PasswordOf("agent@demo.local"),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("agent@demo.local", "/knowledge")]
    [InlineData("agent@demo.local", "/dashboard")]
    [InlineData("manager@demo.local", "/tickets")]
    [InlineData("manager@demo.local", "/knowledge")]
    [InlineData("agent@demo.local", "/admin/triage")]
    [InlineData("agent@demo.local", "/admin/settings")]
    [InlineData("manager@demo.local", "/admin/settings")]
    [InlineData("agent@demo.local", "/admin/erase")]
    [InlineData("agent@demo.local", "/admin/macros")]
    [InlineData("manager@demo.local", "/admin/macros")]
    [InlineData("agent@demo.local", "/admin/users")]
    [InlineData("manager@demo.local", "/admin/users")]
    [InlineData("manager@demo.local", "/profile")]
    public async Task Page_WrongRole_RedirectsToAccessDenied(string email, string path)
    {
        var client = await app.SignedInClientAsync(email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/access-denied", response.Headers.Location?.ToString());
        var denied = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
        Assert.Contains("Access denied", await denied.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("agent@demo.local", "/tickets")]
    [InlineData("admin@demo.local", "/knowledge")]
    [InlineData("admin@demo.local", "/tickets")]
    [InlineData("manager@demo.local", "/dashboard")]
    [InlineData("admin@demo.local", "/admin/triage")]
    [InlineData("admin@demo.local", "/admin/settings")]
    [InlineData("admin@demo.local", "/admin/erase")]
    [InlineData("admin@demo.local", "/admin/macros")]
    [InlineData("admin@demo.local", "/admin/users")]
    [InlineData("agent@demo.local", "/profile")]
    [InlineData("admin@demo.local", "/profile")] // admins may send replies too, so they have a signature
    public async Task Page_RightRole_Renders(string email, string path)
    {
        var client = await app.SignedInClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task DemoUsers_AreOnePerRoleWithDistinctRandomPasswords()
    {
        var passwords = new[] { "agent@demo.local", "admin@demo.local", "manager@demo.local" }.Select(app.PasswordOf).ToList();
        Assert.Equal(3, passwords.Distinct().Count());
        Assert.All(passwords, p => Assert.True(p.Length >= 20));
    }
}
