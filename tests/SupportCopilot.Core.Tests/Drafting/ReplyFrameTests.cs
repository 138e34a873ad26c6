using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Drafting;

/// <summary>Issue 17.2: the words around quoted passages in the customer's language.</summary>
public class ReplyFrameTests
{
    private const string EnglishPassage = "To replace the filter, open the back cover and pull the old filter out. Insert the new filter with the arrow facing the fan.";

    public static TheoryData<string> Languages => new(["en", "de", "fr", "es", "it", "nl", "pt"]);

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryLanguage_HasAWholeFrame_WithItsPlaceholders(string language)
    {
        var frame = ReplyFrame.For(language);
        Assert.Equal(language, frame.Language);
        Assert.Contains("{name}", frame.Greeting);
        Assert.All(new[] { frame.Intro, frame.OnlyIn, frame.NotFound }, t => Assert.Contains("{subject}", t));
        Assert.Contains("{language}", frame.OnlyIn);
        Assert.All(new[] { frame.GreetingNoName, frame.MoreOnThis, frame.Page, frame.FollowUp, frame.Closing }, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        Assert.Equal(ReplyFrame.All.Count, frame.Names.Count);
        // Written in its own language, as the detector reads it (English is the detector's own fallback).
        var (detected, _) = SupportCopilot.Core.Triage.LanguageDetector.Detect(frame.NotFound.Replace("{subject}", "") + " " + frame.FollowUp);
        Assert.Equal(language, detected);
    }

    [Fact]
    public void GermanTicket_AgainstAnEnglishPassage_GetsAGermanFrame_ThatSaysTheGuideIsEnglish()
    {
        var draft = ExtractiveDrafter.Compose("Laura Becker", "Filter wechseln", ["filter"],
            [new SearchHit(1, 1, "guide.md", "Guide > Filter", 4, EnglishPassage, 2.0, 1.0)], language: "de");

        Assert.StartsWith("Hallo Laura,", draft.Text);
        Assert.Contains("Unsere Dokumentation gibt es nur auf Englisch; hier ist der passende Abschnitt:", draft.Text);
        Assert.Contains("open the back cover and pull the old filter out", draft.Text); // the passage is quoted as it is
        Assert.EndsWith("Viele Grüße", draft.Text);
        Assert.DoesNotContain("Thank you", draft.Text);
    }

    [Fact]
    public void SpanishTicket_WithNothingFound_EscalatesInSpanish_AndUnknownLanguagesFallBackToEnglish()
    {
        var escalation = ExtractiveDrafter.Compose("ana@example.com", "Factura", ["factura"], [], language: "es");
        Assert.StartsWith("Hola:", escalation.Text);
        Assert.Contains("paso su consulta a un especialista", escalation.Text);
        Assert.EndsWith("Saludos cordiales", escalation.Text);

        Assert.StartsWith("Hi there,", ExtractiveDrafter.Compose("x@example.com", "?", [], [], language: "fi").Text);
    }
}
