using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Drafting;

public class ExtractiveDrafterTests
{
    private static SearchHit Hit(int id, int doc, string text, double coverage, double score = 2.0) =>
        new(id, doc, $"doc{doc}.md", "Guide > Part", 4, text, score, coverage);

    [Fact]
    public void Compose_WithGoodMatch_QuotesPassageAndCitesIt()
    {
        var draft = ExtractiveDrafter.Compose("Dana Smith", "Filter", ["filter", "replace"],
            [Hit(1, 1, "Unrelated intro. To replace the filter, open the back cover. Close it again.", 1.0)]);

        Assert.StartsWith("Hi Dana,", draft.Text);
        Assert.Contains("To replace the filter, open the back cover. [1]", draft.Text);
        Assert.DoesNotContain("Unrelated intro", draft.Text);
        Assert.Equal(1, Assert.Single(draft.Citations).Number);
        Assert.Equal(1.0, draft.Confidence);
    }

    [Fact]
    public void Compose_LongTicketWhoseSubjectNamesTheBestPassage_QuotesIt_AndStaysUnsure()
    {
        // Twelve words of asthma, age and noise: no passage covers a third of them, but the subject names the first one.
        string[] terms = ["warranty", "claim", "broken", "fan", "grinding", "noise", "months", "asthma", "without", "purifier", "old", "make"];
        var hits = new[]
        {
            Hit(1, 1, "To make a warranty claim, contact support through the app. We send an advance replacement.", 0.33),
            Hit(2, 2, "The fan has four speeds and a Turbo setting.", 0.17, score: 1.0),
        };

        var draft = ExtractiveDrafter.Compose("Dana", "Warranty claim for broken fan", terms, hits);

        Assert.Contains("To make a warranty claim, contact support through the app.", draft.Text);
        Assert.DoesNotContain("could not find", draft.Text);
        Assert.Equal(1, Assert.Single(draft.Citations).Hit.ChunkId);
        Assert.Equal(0.33, draft.Confidence); // the coverage it has: the chip still says unsure
    }

    [Theory]
    [InlineData("Question")] // a subject of one term names nothing
    [InlineData("Broken fan noise at night")] // one of four subject terms in the passage: not named
    public void Compose_SubjectThatDoesNotNameThePassage_StillSaysItCouldNotFind(string subject)
    {
        var draft = ExtractiveDrafter.Compose("Dana", subject, ["warranty", "claim", "broken", "fan", "grinding", "noise", "months", "asthma"],
            [Hit(1, 1, "Our warranty covers defects in materials for 2 years.", 0.25)]);

        Assert.Contains("could not find a reliable answer", draft.Text);
        Assert.Empty(draft.Citations);
    }

    [Fact]
    public void Compose_WithWeakMatch_SaysItIsUnsureAndCitesNothing()
    {
        var draft = ExtractiveDrafter.Compose("dana@example.com", "Invoice", ["invoice", "vat", "refund"],
            [Hit(1, 1, "The fan has three speeds.", 0.2)]);

        Assert.StartsWith("Hi there,", draft.Text);
        Assert.Contains("could not find a reliable answer", draft.Text);
        Assert.Empty(draft.Citations);
        Assert.Equal(0.2, draft.Confidence);
    }

    [Fact]
    public void Compose_WithNoHits_StillProducesAnEscalatingDraft()
    {
        var draft = ExtractiveDrafter.Compose("Lee", "Help", [], []);
        Assert.Contains("passing it to a specialist", draft.Text);
        Assert.Equal(0, draft.Confidence);
    }

    [Fact]
    public void Compose_WithWeakerSecondDocument_QuotesFirstAndPointsToSecond()
    {
        var draft = ExtractiveDrafter.Compose("Lee", "Filter", ["filter"],
            [Hit(1, 1, "The filter sits at the back.", 1.0), Hit(2, 2, "Filters ship every six months.", 1.0, score: 1.5)]);

        Assert.Equal([1, 2], draft.Citations.Select(c => c.Number));
        Assert.Contains("The filter sits at the back. [1]", draft.Text);
        Assert.Contains("More on this: \"Part\", page 4 [2]", draft.Text);
        Assert.DoesNotContain("six months", draft.Text);
    }

    [Fact]
    public void Compose_WithSecondSectionScoringNearlyAsWell_QuotesBoth()
    {
        // Retrieval cannot tell which of two close sections answers ("skip a delivery" vs "cancel"): both are quoted.
        var draft = ExtractiveDrafter.Compose("Lee", "Skip delivery", ["skip", "delivery", "cancel"],
        [
            Hit(1, 1, "Cancel at least 2 days before the next delivery.", 1.0, score: 1.0),
            Hit(2, 1, "To skip the next delivery, open FreshCycle and choose Skip.", 0.7, score: 0.85),
            Hit(3, 2, "Deliveries ship from our warehouse.", 0.5, score: 0.84),
        ]);

        var text = draft.Text.Replace("\r\n", "\n");
        Assert.Equal([1, 2], draft.Citations.Select(c => c.Number));
        Assert.Equal(2, draft.Citations[1].Hit.ChunkId);
        Assert.Contains("Cancel at least 2 days before the next delivery. [1]", text);
        Assert.Contains("More on this: \"Part\", page 4\nTo skip the next delivery, open FreshCycle and choose Skip. [2]", text);
        Assert.DoesNotContain("warehouse", text);
    }

    [Theory]
    [InlineData(0.3, true)]  // below the first passage's bar (0.35), but its rank vouches for it
    [InlineData(0.2, false)] // too few of the question's words
    public void Compose_QuotesACloseSecondSection_OnlyWithAQuarterOfTheQuestionsWords(double coverage, bool quoted)
    {
        var draft = ExtractiveDrafter.Compose("Lee", "Burning smell", ["burning", "smell", "hot", "safe"],
            [Hit(1, 1, "Error E4 means the purifier is too hot.", 0.5, score: 1.0), Hit(2, 1, "A burning smell is never normal.", coverage, score: 0.9)]);

        Assert.Equal(quoted, draft.Text.Contains("A burning smell is never normal. [2]", StringComparison.Ordinal));
        Assert.Equal(quoted ? 2 : 1, draft.Citations.Count);
    }

    [Fact]
    public void Excerpt_QuotesTheTextUnderAMatchedSubHeading_UpToTheNext()
    {
        const string page = """
            5.1 Limited Warranty
            The warranty covers manufacturing defects for a period of 1 year from the date of purchase.
            5.2 Warranty Claim Process
            To make a claim, contact customer service at
            help@example.com. Please provide the original proof of purchase.
            5.3 Exclusions
            Damage from accidents is excluded.
            """;

        var excerpt = ExtractiveDrafter.Excerpt(page, ["file", "warranty", "claim", "process"]);

        // The heading on its own line over its text, not glued to the sentence before it.
        Assert.Contains("1 year from the date of purchase.\n5.2 Warranty Claim Process\nTo make a claim, contact customer service at\nhelp@example.com. Please provide the original proof of purchase.", excerpt);
        Assert.DoesNotContain("accidents", excerpt);
    }

    [Fact]
    public void Excerpt_AShortLineInsideAWrappedParagraph_IsNoSubHeading()
    {
        // "Power and Filter" ends a wrapped line, not a heading: no run of lines is quoted under it.
        const string page = "To reset the purifier, hold\nPower and Filter\nfor 10 seconds.\nThe fan then stops.";

        var excerpt = ExtractiveDrafter.Excerpt(page, ["power", "filter"]);

        Assert.DoesNotContain("The fan then stops.", excerpt);
    }

    [Fact]
    public void Compose_SkipsThePassageTitleAndUsesBm25Order()
    {
        var draft = ExtractiveDrafter.Compose("Lee", "E2", ["e2", "filter"],
        [
            new SearchHit(1, 1, "g.pdf", "Guide > Error E2 filter", 3, "Error E2 filter\nE2 means the filter is missing.", 5.0, 1.0),
            new SearchHit(2, 1, "g.pdf", "Guide > Table", 9, "E2 filter row.", 4.0, 1.0),
        ]);

        Assert.Contains("says:\n\nE2 means the filter is missing. [1]", draft.Text.Replace("\r\n", "\n"));
    }

    // The sample troubleshooting guide's page 3 and the user manual's page 12, as the PDF extractor reflows them.
    private const string E2Page = """
        Error E2: filter missing or not seated
        E2 means the purifier cannot detect a correctly fitted filter. For safety the fan does not run while E2 is shown.
        1. Switch off and open the back cover.
        2. Check that a filter is installed and that its plastic bag has been removed.
        3. Push the filter in with the pull tab facing you until it clicks. A filter that sits a few millimetres too far out triggers E2.
        4. Check the filter is a genuine Nimbus Filter F300 (AirPure 300) or F500 (AirPure 500).
        Filters from other makers do not carry the detection tag and always trigger E2.
        5. Close the cover firmly on both catches and switch on.
        If E2 remains with a genuine filter correctly fitted, the filter detection switch may be faulty.
        """;

    private const string ResetPage = """
        Factory reset
        A factory reset deletes the Wi-Fi settings, schedules and the link to your Nimbus Home account. It does not reset the filter life counter.
        To reset the purifier:
        1. Switch the purifier on.
        2. Hold Power and Filter together for 10 seconds.
        3. The light ring flashes white three times and the purifier restarts.
        After a factory reset, remove the purifier from your account in the app before pairing it again.
        """;

    [Fact]
    public void Excerpt_WhenTheBestMatchIsAStep_QuotesTheWholeProcedure_InOrder_OnLinesOfTheirOwn()
    {
        var excerpt = ExtractiveDrafter.Excerpt(E2Page, ["display", "shows", "e2", "fan", "start", "unpacked", "airpure"], "Guide > Error E2: filter missing or not seated");

        string[] steps = ["1. Switch off", "2. Check that a filter is installed and that its plastic bag has been removed.",
            "3. Push the filter in with the pull tab facing you until it clicks.", "Filters from other makers", "5. Close the cover firmly"];
        var at = steps.Select(s => excerpt.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(at, i => Assert.True(i >= 0, excerpt));
        Assert.Equal(at.Order(), at);
        Assert.Contains("\n2. Check that", excerpt);
    }

    [Fact]
    public void Excerpt_KeepsTheStepThatSharesNoWordWithTheQuestion_AndTheLeadInLine()
    {
        var excerpt = ExtractiveDrafter.Excerpt(ResetPage, ["factory", "reset", "deletes", "schedules"], "Manual > Factory reset");

        Assert.True(excerpt.StartsWith("A factory reset deletes the Wi-Fi settings", StringComparison.Ordinal), excerpt); // the sentence that matched leads
        Assert.Contains("\nTo reset the purifier:\n1. Switch the purifier on.", excerpt);
        Assert.Contains("2. Hold Power and Filter together for 10 seconds.", excerpt);
    }

    [Fact]
    public void Excerpt_OfProse_StillQuotesTheBestSentencesOnly()
    {
        const string page = "Pairing\nThe app pairs over Bluetooth.\nAfter pairing, rename the purifier in the app.\nNote the serial number.\n" +
                            "Keep the box.\nTo reset:\n1. Hold Power.\n2. Wait for the beep.";
        var excerpt = ExtractiveDrafter.Excerpt(page, ["rename"], "Manual > Pairing");

        Assert.Equal("After pairing, rename the purifier in the app.", excerpt);
    }

    [Fact]
    public void Excerpt_OfAProcedureBeyondTheBudget_FallsBackToTheBestSentences()
    {
        var longList = string.Join('\n', Enumerable.Range(1, 40).Select(i => $"{i}. Step {i} asks you to turn the dial and wait for the light to settle."));
        var excerpt = ExtractiveDrafter.Excerpt(longList, ["dial", "light"], "Manual > Long");

        Assert.True(excerpt.Split(' ').Length <= 100, excerpt);
    }

    [Fact]
    public void Compose_CitesAQuotedProcedureOnceAfterItsLastStep()
    {
        var draft = ExtractiveDrafter.Compose("Laura Becker", "Error E2", ["e2", "display"], [new SearchHit(1, 1, "troubleshooting-guide.pdf", "Guide > Error E2", 3, E2Page, 2, 1.0)]);

        Assert.Contains("\n5. Close the cover firmly on both catches and switch on.\n", draft.Text);
        Assert.Single(draft.Citations);
        Assert.Equal(1, draft.Text.Split("[1]").Length - 1);
    }

    [Fact]
    public void Excerpt_ALineEndingInAColon_BringsTheLinesUnderIt()
    {
        const string page = "Support hours\nE-mail support is answered within one business day.\nPhone support:\n" +
                            "Europe: Monday to Friday, 08:00 to 18:00 CET.\nUnited States: Monday to Friday, 09:00 to 18:00 Eastern Time.\n\nWe answer in English.";
        var excerpt = ExtractiveDrafter.Excerpt(page, ["phone", "support", "hours"], "Guide > Support hours");

        Assert.Contains("Phone support:\nEurope: Monday to Friday, 08:00 to 18:00 CET.\nUnited States: Monday to Friday, 09:00 to 18:00 Eastern Time.", excerpt);
    }

    [Fact]
    public void Excerpt_TwoProceduresOneAfterTheOther_QuotesOnlyTheMatchedOne()
    {
        const string page = "Adjusting the fit\n1. Open the zipper.\n2. Pull the drawstring to tighten the hood.\n" +
                            "Controlling the temperature:\n1. Wear layers.\n2. Open the zipper partly when warm.";
        var excerpt = ExtractiveDrafter.Excerpt(page, ["drawstring", "hood"], "Manual > Adjusting the fit");

        Assert.Equal("1. Open the zipper.\n2. Pull the drawstring to tighten the hood.", excerpt);
    }

    [Fact]
    public void TwoListsInOnePassage_TheProblemsAndTheSteps_AreBothQuotedWhole()
    {
        const string page = """
            The 3-in-1 Filter F300 combines a washable pre-filter, an H13 HEPA layer and an activated carbon layer.
            The filter indicator tells you when:
            • The Filter button glows amber when less than 10 % of the filter life remains. Order a new filter now.
            • The Filter button glows red when the filter life has run out. Replace the filter.
            To replace the filter:
            1. Switch off and unplug the purifier.
            2. Press the two catches on the back cover and lift the cover off.
            3. Pull the old filter out by its tab.
            4. Remove the plastic bag from the new filter and insert it with the pull tab facing you until it clicks.
            5. Refit the back cover, plug in and switch on.
            6. Hold the Filter button for 5 seconds until you hear a long beep. The filter life resets to 100 %.
            If you forget step 6, the Filter button stays red even with a new filter.
            """;

        var excerpt = ExtractiveDrafter.Excerpt(page, ["filter", "button", "red", "glowing", "new", "broken"], "Manual > Replacing the filter");

        Assert.Contains("- The Filter button glows red when the filter life has run out.", excerpt);
        Assert.Contains("6. Hold the Filter button for 5 seconds until you hear a long beep.", excerpt); // the step that solves it
        Assert.Contains("1. Switch off and unplug the purifier.", excerpt);
        Assert.True(excerpt.IndexOf("glows red", StringComparison.Ordinal) < excerpt.IndexOf("To replace the filter:", StringComparison.Ordinal)); // passage order
        Assert.EndsWith("If you forget step 6, the Filter button stays red even with a new filter.", excerpt);
    }
}
