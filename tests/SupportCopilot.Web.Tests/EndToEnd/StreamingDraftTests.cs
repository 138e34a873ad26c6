using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Tests;

namespace SupportCopilot.Web.Tests.EndToEnd;

/// <summary>The app with an Ollama (protocol fake on loopback) that writes slowly enough to watch and stop.</summary>
public sealed class StreamingBrowserApp : BrowserApp
{
    public FakeOllama Ollama { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        Ollama = await FakeOllama.StartAsync();
        Ollama.ChatReply = _ => "Hello, to switch on night mode press the Night button once, as the guide explains [1]. The lights dim and the fan slows down.";
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Models:Chat:0:Provider", "Ollama");
        builder.UseSetting("Models:Chat:0:Endpoint", Ollama.Url.ToString());
        builder.UseSetting("Models:Chat:0:Model", "qwen2.5");
        builder.UseSetting("Models:Chat:0:TimeoutSeconds", "60");
    }

    protected override async Task DisposeBrowserAsync()
    {
        await base.DisposeBrowserAsync();
        await Ollama.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StreamingCollection : ICollectionFixture<StreamingBrowserApp>
{
    public const string Name = "streaming-browser";
}

/// <summary>Regenerating streams the model's answer into the ticket page token by token; Stop cancels it and keeps the old draft.</summary>
[Collection(StreamingCollection.Name)]
public class StreamingDraftTests(StreamingBrowserApp app)
{
    [Fact]
    public async Task Regenerate_StreamsTokenByToken_StopKeepsThePreviousDraft_ThenACompleteRunBecomesV2()
    {
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Add("X-Api-Key", AppFactory.BootstrapKey);
        var created = await api.PostAsJsonAsync("/api/tickets", new { subject = "Night mode", body = "How do I switch on night mode on the purifier?", customerEmail = $"stream.{Guid.NewGuid():N}@example.com" });
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();
        var page = await app.SignInAsync("agent@demo.local", $"/tickets/{id}");
        await Assertions.Expect(page.Locator("[data-testid=draft-panel]")).ToContainTextAsync("v1");

        app.Ollama.TokenDelay = TimeSpan.FromMilliseconds(250);
        await page.ClickAsync("button[data-testid=regenerate]");
        var stream = page.Locator("[data-testid=draft-stream]");
        await Assertions.Expect(stream).ToContainTextAsync("Hello, to switch");
        var partial = await stream.InnerTextAsync();
        Assert.DoesNotContain("fan slows down", partial); // shown while being written, not at the end
        await Assertions.Expect(page.Locator("[data-testid=draft-streaming]")).ToContainTextAsync("qwen2.5 is writing");
        await page.ClickAsync("button[data-testid=cancel-generation]");

        await Assertions.Expect(page.Locator("[data-testid=draft-panel]")).ToContainTextAsync("v1");
        await Assertions.Expect(page.GetByText("Stopped. The previous draft stays.")).ToBeVisibleAsync();
        await using (var db = app.Db())
            Assert.Equal([1], await db.Drafts.Where(d => d.TicketId == id).Select(d => d.Version).ToListAsync());

        app.Ollama.TokenDelay = TimeSpan.FromMilliseconds(20);
        await page.ClickAsync("button[data-testid=regenerate]");
        await Assertions.Expect(page.Locator("[data-testid=draft-panel]")).ToContainTextAsync("v2");
        await Assertions.Expect(page.Locator("textarea[data-testid=draft-text]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("fan slows down"));
        await using var check = app.Db();
        var v2 = await check.Drafts.AsNoTracking().SingleAsync(d => d.TicketId == id && d.Version == 2);
        Assert.Equal((DraftKind.Model, "qwen2.5"), (v2.Kind, v2.Model));
    }
}
