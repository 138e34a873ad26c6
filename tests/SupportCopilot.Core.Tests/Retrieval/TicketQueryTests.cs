using SupportCopilot.Core.Retrieval;
using SupportCopilot.Core.Drafting;

namespace SupportCopilot.Core.Tests.Retrieval;

public class TicketQueryTests
{
    [Fact]
    public void Build_DropsQuotedHistoryAndSignature()
    {
        var body = "My filter light stays red.\n> old quoted warranty text\n--\nDana, ACME Corp, warranty dept\n";
        var q = TicketQuery.Build("Red light", body);

        Assert.Contains("filter light stays red", q);
        Assert.DoesNotContain("warranty", q);
    }

    [Fact]
    public void Build_StopsAtReplyHeader()
    {
        var q = TicketQuery.Build("Noise", "It hums.\nOn Mon, 2 Jan 2026 at 10:00, Support <s@x.com> wrote:\nprevious answer about refunds");
        Assert.DoesNotContain("refunds", q);
    }
}
