using Bunit;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;
using SupportCopilot.Web.Tickets;

namespace SupportCopilot.Web.Tests.Tickets;

public class TicketComponentsTests : ComponentTest
{
    [Fact]
    public void TriageChips_WithoutTriage_SaysNotTriaged()
    {
        var chips = Render<TriageChips>(p => p.Add(c => c.Triage, null));
        Assert.Equal("Not triaged yet.", chips.Find("[data-testid=triage-none]").TextContent);
    }

    [Fact]
    public void TriageChips_WithTriage_ShowsEachFieldAndConfidence()
    {
        var triage = new TicketTriage { Category = "Billing", Type = "question", Priority = "high", Language = "de", Confidence = 0.8, Engine = "label" };
        var text = Render<TriageChips>(p => p.Add(c => c.Triage, triage)).Find("[data-testid=triage]").TextContent;

        foreach (var expected in new[] { "Billing", "question", "high", "de", "label · 80" }) Assert.Contains(expected, text);
    }

    [Fact]
    public void TicketThread_RendersMarkupInBodiesAsText()
    {
        var messages = new List<TicketMessage>
        {
            new() { Author = MessageAuthor.Customer, AuthorName = "Eve", Body = "<script>alert(1)</script><b>bold</b>", CreatedAt = DateTime.UtcNow },
        };

        var thread = Render<TicketThread>(p => p.Add(c => c.Messages, messages));

        Assert.Empty(thread.FindAll("script"));
        Assert.Empty(thread.FindAll("b"));
        Assert.Equal("<script>alert(1)</script><b>bold</b>", thread.Find(".message-body").TextContent);
    }
}
