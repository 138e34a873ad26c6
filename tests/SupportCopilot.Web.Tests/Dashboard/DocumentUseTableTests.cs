using Bunit;
using SupportCopilot.Core.Dashboard;
using SupportCopilot.Web.Dashboard;

namespace SupportCopilot.Web.Tests.Dashboard;

public class DocumentUseTableTests : ComponentTest
{
    [Fact]
    public void CitedDocuments_AreListedWithTheirCounts_NeverCitedOnesApart_AndTheScopeIsSaid()
    {
        IReadOnlyList<DocumentUse> docs =
        [
            new(1, "manual.pdf", 12), new(2, "<b>faq</b>.md", 3), new(3, "old-prices.pdf", 0),
        ];

        var table = Render<DocumentUseTable>(p => p.Add(c => c.Documents, docs).Add(c => c.Query, "from=2026-11-01&to=2026-11-30"));

        var rows = table.FindAll("tbody tr").Select(r => r.TextContent.Trim()).ToList();
        Assert.Equal(["manual.pdf12", "<b>faq</b>.md3"], rows.Select(r => string.Concat(r.Where(c => !char.IsWhiteSpace(c)))));
        Assert.Equal("old-prices.pdf", table.Find("[data-testid=never-cited]").TextContent);
        Assert.Contains("tickets created in this range", table.Find("[data-testid=document-use-scope]").TextContent);
        Assert.Empty(table.FindAll("tbody b")); // file names are text, never markup
        Assert.EndsWith("documents.csv?from=2026-11-01&to=2026-11-30", table.Find("[data-testid=csv-documents]").GetAttribute("href"));
    }
}
