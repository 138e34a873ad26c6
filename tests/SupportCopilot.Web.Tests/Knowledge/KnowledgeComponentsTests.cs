using Microsoft.EntityFrameworkCore;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;
using SupportCopilot.Core.Security;
using SupportCopilot.Web.Knowledge;

namespace SupportCopilot.Web.Tests.Knowledge;

/// <summary>Knowledge pages over the real services and seeded database of the shared app.</summary>
[Collection(AppCollection.Name)]
public class KnowledgeComponentsTests : ComponentTest
{
    private readonly AppFactory _app;

    public KnowledgeComponentsTests(AppFactory app)
    {
        _app = app;
        Services.AddSingleton(app.Get<SupportCopilot.Core.Audit.AuditLog>());
        Services.AddScoped<SupportCopilot.Web.Security.UserAudit>();
        Services.AddSingleton(app.Get<KnowledgeCatalog>());
        Services.AddSingleton(app.Get<KnowledgeUploads>());
        Services.AddSingleton(app.Get<EmbeddingIndexer>());
        Services.AddSingleton(app.Get<Retriever>());
        AddAuthorization().SetAuthorized("admin@demo.local").SetRoles(Roles.Admin);
    }

    [Fact]
    public void KnowledgePage_ListsSeededDocumentsAndFiltersByName()
    {
        var page = Render<KnowledgePage>();
        page.WaitForAssertion(() => Assert.True(page.FindAll("[data-testid=documents] tbody tr").Count >= 13));

        page.Find("input[data-testid=doc-search]").Input("warranty");

        page.WaitForAssertion(() => Assert.Equal("warranty-and-returns-policy.pdf",
            Assert.Single(page.FindAll("[data-testid=documents] tbody tr")).QuerySelector("a")!.TextContent));
    }

    [Fact]
    public async Task DocumentPage_ShowsChunksWithHeadingPathAndPage()
    {
        var doc = (await _app.Get<KnowledgeCatalog>().ListAsync()).Single(d => d.FileName == "troubleshooting-guide.pdf");

        var page = Render<DocumentPage>(p => p.Add(c => c.Id, doc.Id));

        page.WaitForAssertion(() => Assert.Equal(doc.Chunks, page.FindAll("[data-testid=chunks] tbody tr").Count));
        Assert.Contains("Error E2: filter missing or not seated", page.Find("[data-testid=chunks]").TextContent);
    }

    [Fact]
    public void SearchPreview_ShowsThePassagesADraftWouldQuote_AndWarnsWhenNoneIsGoodEnoughToQuote()
    {
        var preview = Render<SearchPreview>();
        preview.Find(".mud-expand-panel-header").Click();
        preview.Find("input[data-testid=search-preview-input]").Input("   ");
        preview.Find("form").Submit(); // Enter on an empty box: asked for a question, nothing searched
        Assert.Contains("Type a question first.", preview.Markup);
        Assert.Empty(preview.FindAll("[data-testid=search-preview-hits]"));

        preview.Find("input[data-testid=search-preview-input]").Input("The display shows E2 and the fan does not start");
        preview.Find("form").Submit();

        preview.WaitForAssertion(() => Assert.NotEmpty(preview.FindAll("[data-testid=search-preview-hits] tbody tr")));
        Assert.DoesNotContain("Type a question first.", preview.Markup);
        var rows = preview.FindAll("[data-testid=search-preview-hits] tbody tr");
        Assert.InRange(rows.Count, 1, 5);
        Assert.Contains(rows, r => r.TextContent.Contains("troubleshooting-guide.pdf") && r.TextContent.Contains("Error E2"));
        Assert.All(rows, r => Assert.StartsWith("/knowledge/", r.QuerySelector("a")!.GetAttribute("href")));
        Assert.Empty(preview.FindAll("[data-testid=search-preview-weak]"));

        preview.Find("input[data-testid=search-preview-input]").Input("qwxzv plorbt");
        preview.Find("form").Submit();

        // The shared app searches densely too, so the nearest passages still come back — marked as too weak to quote.
        preview.WaitForAssertion(() => Assert.NotNull(preview.Find("[data-testid=search-preview-weak]")));
        Assert.All(preview.FindAll("[data-testid=search-preview-hits] tbody tr"), r => Assert.EndsWith("0%", r.LastElementChild!.TextContent.Replace(" ", "").Trim()));
    }

    [Fact]
    public void SearchPreview_WhenTheSearchFails_SaysSoOnThePanel()
    {
        // The real retriever over a database that cannot be opened (the file's folder does not exist).
        var missing = new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "none.db")};Mode=ReadOnly").Options;
        var broken = new Retriever(new NoDatabase(missing), _app.Get<ILexicalIndex>(),
            _app.Get<EmbeddedVectorIndex>(), new ServiceCollection().BuildServiceProvider(),
            Microsoft.Extensions.Options.Options.Create(new RetrievalOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Retriever>.Instance);
        Services.AddSingleton(broken);
        var preview = Render<SearchPreview>();
        preview.Find(".mud-expand-panel-header").Click();

        preview.Find("input[data-testid=search-preview-input]").Input("filter light");
        preview.Find("form").Submit();

        preview.WaitForAssertion(() => Assert.StartsWith("The search failed:", preview.Find("[data-testid=search-preview-error]").TextContent.Trim()));
        Assert.Empty(preview.FindAll("[data-testid=search-preview-hits]"));
        Assert.False(preview.Find("button[data-testid=search-preview-run]").HasAttribute("disabled")); // ready to try again
    }

    private sealed class NoDatabase(DbContextOptions<SqliteAppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new SqliteAppDbContext(options);
    }
}
