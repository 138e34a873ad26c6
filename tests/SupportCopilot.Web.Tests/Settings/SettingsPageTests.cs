using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Models;
using SupportCopilot.Core.Security;
using SupportCopilot.Web.Settings;

namespace SupportCopilot.Web.Tests.Settings;

[Collection(AppCollection.Name)]
public class SettingsPageTests : ComponentTest
{
    private readonly AppFactory _app;

    public SettingsPageTests(AppFactory app)
    {
        _app = app;
        Services.AddSingleton(app.Get<EmbeddingIndexer>());
        AddAuthorization().SetAuthorized("admin@demo.local").SetRoles(Roles.Admin);
    }

    private static ModelChain ChainOf(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddSingleton(TimeProvider.System);
        ModelChain.AddModelChain(services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider().GetRequiredService<ModelChain>();
    }

    [Fact]
    public void NoModels_SaysDraftsAreExtractive()
    {
        Services.AddSingleton(ChainOf([]));
        var page = Render<SettingsPage>();
        Assert.Contains("drafts are extractive", page.Find("[data-testid=no-models]").TextContent);
        Assert.Contains("lexical", page.Find("[data-testid=embeddings]").TextContent);
    }

    [Fact]
    public async Task TestConnection_ToAModelThatIsDown_ShowsWhy()
    {
        Services.AddSingleton(ChainOf(new()
        {
            ["Models:Chat:0:Provider"] = "Ollama", ["Models:Chat:0:Endpoint"] = "http://127.0.0.1:9/", ["Models:Chat:0:Model"] = "qwen2.5", ["Models:Chat:0:TimeoutSeconds"] = "5",
        }));
        var page = Render<SettingsPage>();
        Assert.Contains("qwen2.5", page.Find("[data-testid=chain]").TextContent);
        Assert.Contains("not used yet", page.Find("[data-testid=chain]").TextContent);

        await page.Find("button[data-testid=test-connection]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("qwen2.5: unreachable", page.Find("[data-testid=test-result]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("unreachable", page.Find("[data-testid=chain]").TextContent);
    }
}
