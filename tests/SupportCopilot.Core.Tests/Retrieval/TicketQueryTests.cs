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

    [Fact]
    public void Build_DropsContactDetailsAndLongNumbers()
    {
        var q = TicketQuery.Build("Filter", "Call me on +49 30 1234 5678 or mail kim@example.com, card 4111 1111 1111 1111, see https://x.example/a");
        Assert.DoesNotContain("kim", q);
        Assert.DoesNotContain("1234", q);
        Assert.DoesNotContain("4111", q);
        Assert.DoesNotContain("example", q);
        Assert.Contains("Call me on", q);
    }
}
