using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Triage;
using SupportCopilot.Web.Triage;

namespace SupportCopilot.Web.Tests.Triage;

[Collection(AppCollection.Name)]
public class TriageAdminPageTests : ComponentTest
{
    public TriageAdminPageTests(AppFactory app)
    {
        Services.AddSingleton(app.Get<SupportCopilot.Core.Audit.AuditLog>());
        Services.AddScoped<SupportCopilot.Web.Security.UserAudit>();
        Services.AddSingleton(app.Get<TriageModels>());
        Services.AddSingleton(app.Get<TriageCorrections>());
        Services.AddSingleton(app.Get<TriageRouting>());
        Services.AddSingleton(app.Get<TriageImport>());
        Services.AddSingleton(app.Get<Microsoft.Extensions.Options.IOptions<TriageOptions>>());
        AddAuthorization().SetAuthorized("admin@demo.local").SetRoles(Roles.Admin);
    }

    [Fact]
    public async Task Page_ListsTheSeededModels_AndRetrainAddsANewVersion()
    {
        var page = Render<TriageAdminPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=models] tbody tr").Count));
        var before = page.Find("[data-testid=models]").TextContent;

        await page.Find("button[data-testid=retrain]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("tickets", page.Find("[data-testid=training-report]").TextContent), TimeSpan.FromSeconds(30));
        Assert.NotEqual(before, page.Find("[data-testid=models]").TextContent); // a newer version is listed
        // Every field says in plain words what its fit check found (issue 19.4), matching its verdict.
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid^=fit-]").Count));
        var phrases = new Dictionary<string, string> { ["On"] = "precision — on", ["Manual"] = "stays with agents", ["TooFewLabels"] = "too few to check" };
        Assert.All(page.FindAll("[data-testid^=fit-]"), cell => Assert.Contains(phrases[cell.GetAttribute("data-verdict")!], cell.TextContent));
        // With the embedding model, each checked field says how much the similar tickets count (its fit check chose it).
        Assert.NotEmpty(page.FindAll("[data-testid^=weight-]"));
        Assert.All(page.FindAll("[data-testid^=weight-]"), w => Assert.Matches(@"^(similar tickets make \d+ % of each guess, the words the rest|the words alone decide .*|similar tickets alone decide .*)$", w.TextContent.Trim()));
    }

    [Fact]
    public void Page_ShowsTheSeededTaxonomy_AndAddsACategory()
    {
        var page = Render<TriageAdminPage>();
        page.WaitForAssertion(() => Assert.Contains("Troubleshooting & Errors", page.Find("[data-testid=categories]").TextContent));

        page.Find("input[data-testid=new-category]").Input("Loyalty Program");
        page.Find("button[data-testid=add-category]").Click();

        page.WaitForAssertion(() => Assert.Contains("Loyalty Program", page.Find("[data-testid=categories]").TextContent));
    }
}
