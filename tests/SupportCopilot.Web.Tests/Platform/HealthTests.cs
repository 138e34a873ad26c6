using System.Net;

namespace SupportCopilot.Web.Tests.Platform;

[Collection(AppCollection.Name)]
public class HealthTests(AppFactory app)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Anonymous_IsHealthy(string path)
    {
        var response = await app.ApiClient(key: null).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
