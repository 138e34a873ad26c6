using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Drafting;

public class DraftCheckTests
{
    private static readonly SearchHit[] Passages =
    [
        new(1, 1, "a.md", "A", null, "Call +49 30 1234 5678 or write to help@nimbus.example. Hold the Filter button for five seconds.", 1, 1),
        new(2, 1, "b.md", "B", null, "Returns are free within 30 nights.", 1, 1),
    ];

    [Theory]
    [InlineData("Hold the button [1]. Returns are free [2].", null)]
    [InlineData("Write to help@nimbus.example [1].", null)]
    [InlineData("As the manual says, \"Hold the Filter button for five seconds\" [1].", null)]
    [InlineData("Your order kim@example.com is noted [1].", "kim@example.com")] // only in the ticket: an attacker's text (issue 18)
    [InlineData("Visit https://evil.example/refund to claim it [1].", "https://evil.example/refund")] // the ticket's link
    [InlineData("We will call you on [PHONE_1] [1].", "repeats the customer's contact details")]
    [InlineData("Our shop is at https://shop.nimbus.example [1].", null)] // our own configured contact
    [InlineData("Hold the button.", "cites no passage")]
    [InlineData("Hold the button [3].", "does not exist ([3])")]
    [InlineData("Call 0800 555 0199 [1].", "0800 555 0199")]
    [InlineData("See https://nimbus.example/help [1].", "https://nimbus.example/help")]
    [InlineData("The manual says \"press reset twice quickly\" [1].", "quotes text that is in no passage")]
    [InlineData("   ", "empty answer")]
    public void Check_AcceptsGroundedDraftsAndNamesWhatIsWrong(string draft, string? problem)
    {
        var result = DraftCheck.Check(draft, Passages, "Ticket from kim@example.com about the filter, see https://evil.example/refund",
            ownContacts: ["https://shop.nimbus.example"]);
        if (problem is null) Assert.Null(result);
        else Assert.Contains(problem, result);
    }
}

public class DraftLanguageCheckTests
{
    private static readonly SearchHit[] Passages = [new(1, 1, "a.md", "A", null, "Hold the Filter button for five seconds until you hear a long beep.", 1, 1)];

    [Theory]
    [InlineData("Hallo Kim, halten Sie die Filtertaste fünf Sekunden lang gedrückt, bis ein langer Piepton kommt [1]. Ich hoffe, das hilft!", "de", null)]
    [InlineData("Hi Kim, hold the Filter button for five seconds until you hear a long beep [1]. I hope this helps with your purifier!", "de", "answered in 'en', the ticket is in 'de'")]
    [InlineData("Hi Kim, hold the Filter button for five seconds until you hear a long beep [1]. I hope this helps with your purifier!", null, null)]
    [InlineData("Hallo Kim, im Handbuch steht \"Hold the Filter button for five seconds\" [1]. Bitte probieren Sie das und sagen Sie mir, ob es klappt.", "de", null)]
    public void AnswerLanguage_MustMatchTheTicket_WhenKnown(string draft, string? ticketLanguage, string? problem)
    {
        var result = DraftCheck.Check(draft, Passages, "Filter reset", ticketLanguage);
        if (problem is null) Assert.Null(result);
        else Assert.Equal(problem, result);
    }
}
