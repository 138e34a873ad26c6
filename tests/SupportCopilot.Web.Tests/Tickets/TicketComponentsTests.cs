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
        var triage = new TicketTriage
        {
            Category = "Billing", CategoryConfidence = 0.42, Type = "question", TypeConfidence = 0.9, Priority = "high", PriorityConfidence = 0.7,
            Sentiment = "negative", SentimentConfidence = 0.65, Language = "de", LanguageConfidence = 0.95, Confidence = 0.42, NeedsHuman = true, Engine = "ml.net v3.3.3",
        };
        var chips = Render<TriageChips>(p => p.Add(c => c.Triage, triage));
        var text = chips.Find("[data-testid=triage]").TextContent;

        foreach (var expected in new[] { "Billing · 42", "question · 90", "high · 70", "negative · 65", "de · 95", "automatic" }) Assert.Contains(expected, text);
        // The engine's name is no stray word after the chips: it is in the tooltip of "automatic".
        Assert.DoesNotContain("ml.net", text);
        Assert.Equal("engine: ml.net v3.3.3", chips.Find("[data-testid=triage-source]").GetAttribute("title"));
        Assert.Equal("Needs human triage", chips.Find("[data-testid=needs-human]").TextContent.Trim());
        // Only the unsure field (category 42 %) is shown in the warning colour, so the agent checks that one.
        var warned = chips.FindAll("[data-testid=triage] .mud-chip-outlined.mud-chip-color-warning");
        Assert.Equal("Billing · 42 %", Assert.Single(warned).TextContent.Trim().Replace('\u00a0', ' '));
    }

    [Fact]
    public void TriageChips_NameTheUrgencyBehindAPriority()
    {
        var triage = new TicketTriage { Priority = "high", PriorityConfidence = 0.6, PriorityReason = "outage mentioned", Confidence = 0.6, Engine = "ml.net v1.1.1" };

        var text = Render<TriageChips>(p => p.Add(c => c.Triage, triage)).Find("[data-testid=triage]").TextContent;

        Assert.Contains("high · outage mentioned", text);
    }

    [Fact]
    public void TriageChips_ConfidentTriage_DoesNotAskForAHuman()
    {
        var triage = new TicketTriage { Category = "Billing", CategoryConfidence = 0.9, Confidence = 0.9, Engine = "label" };
        Assert.Empty(Render<TriageChips>(p => p.Add(c => c.Triage, triage)).FindAll("[data-testid=needs-human]"));
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
