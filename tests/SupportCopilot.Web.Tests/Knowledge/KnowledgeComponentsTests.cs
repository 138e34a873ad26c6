using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Knowledge;
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
}
