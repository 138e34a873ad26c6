using Bunit;
using SupportCopilot.Web.Dashboard;

namespace SupportCopilot.Web.Tests.Dashboard;

/// <summary>Issue 20: the dashboard names rejection reasons as agents chose them, not by the stored enum name.</summary>
public class RejectionReasonsTests : ComponentTest
{
    [Fact]
    public void Reasons_AreShownInWords_UnknownOnesAsStored()
    {
        var cut = Render<RejectionReasons>(p => p.Add(c => c.Reasons, new Dictionary<string, int> { ["MissingKnowledge"] = 3, ["WrongFacts"] = 1, ["legacy-reason"] = 2 })
            .Add(c => c.Query, ""));

        var rows = cut.FindAll("[data-testid=table-rejections] tr").Select(r => r.TextContent).ToList();
        Assert.Equal(["Missing knowledge3", "Wrong facts1", "legacy-reason2"], rows);
    }
}
