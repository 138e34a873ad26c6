using System.Net;

namespace SupportCopilot.Web.Tests.Platform;

/// <summary>Issue 20: an unknown address gets the app's own page with a 404, not the browser's bare one.</summary>
[Collection(AppCollection.Name)]
public class NotFoundPageTests(AppFactory app)
{
    [Fact]
    public async Task UnknownPage_Is404_WithTheAppsPage()
    {
        using var client = await app.SignedInClientAsync("agent@demo.local");

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"not-found\"", html);
        Assert.Contains("Back to the start page", html);
    }
}
