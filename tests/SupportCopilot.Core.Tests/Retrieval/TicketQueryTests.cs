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

    [Fact]
    public void Focus_IsTheSubjectAndTheBodysQuestions()
    {
        var q = TicketQuery.Build("Warranty length", "I bought it 20 months ago. How long is the warranty?\nThe sensor seems faulty now. Can you repair it?\nThanks");
        Assert.Equal("Warranty length\nHow long is the warranty? Can you repair it?", TicketQuery.Focus(q));
    }

    [Theory]
    [InlineData("Noise", "It hums loudly at night.")]          // the body asks nothing
    [InlineData("Noise", "Why does it hum at night?")]         // the body is nothing but its question: the query already is the focus
    [InlineData("Why does it hum at night?", "")]              // a one-line query (the search box, a question set)
    public void Focus_IsNull_WhenTheBodyAsksNothingOrOnlyAsks(string subject, string body) =>
        Assert.Null(TicketQuery.Focus(TicketQuery.Build(subject, body)));

    [Fact]
    public void Focus_ReadsQuestionsInOtherScripts_AndSpanishOpeningMarks()
    {
        var q = TicketQuery.Build("Filtro", "Compré el purificador en marzo. ¿Cada cuánto cambiar el filtro?");
        Assert.Equal("Filtro\n¿Cada cuánto cambiar el filtro?", TicketQuery.Focus(q));
    }
}
