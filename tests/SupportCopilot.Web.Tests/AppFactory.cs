using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Web.Tests;

/// <summary>
/// The real app in Development on a real SQLite file in a temp folder, seeded with knowledge-samples/ and
/// a bootstrap API key. Tests share one instance per collection and only assert on data they create.
/// </summary>
public partial class AppFactory : WebApplicationFactory<Program>
{
    public const string BootstrapKey = "test-bootstrap-key-0123456789abcdef";
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "sc-web-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Security:BootstrapApiKey", BootstrapKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public AppDbContext Db() => Get<IDbContextFactory<AppDbContext>>().CreateDbContext();

    public string PasswordOf(string email) => DemoUsers.ReadFile(DataDirectory)[email];

    public HttpClient ApiClient(string? key = BootstrapKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A cookie-carrying client signed in through the real form post (antiforgery token included).</summary>
    public async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostLoginAsync(client, email, PasswordOf(email));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("error") == true)
            throw new InvalidOperationException($"Sign-in of {email} failed: {response.StatusCode} {response.Headers.Location}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string returnUrl = "/")
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["returnUrl"] = returnUrl, ["__RequestVerificationToken"] = token,
        }));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { /* temp folder, best effort */ }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFactory>
{
    public const string Name = "app";
}
