using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Samples;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Tests.Triage;

/// <summary>Issue 19.2/19.4: per-field thresholds from held-back tickets, verdicts, and the needs-human rule that uses them.</summary>
public class FitCheckTests
{
    private static readonly string[] Words = ["invoice", "fan", "wifi", "parcel"];

    private static List<(string Text, string Label, float[]? Vector)> Separable(int count) => Enumerable.Range(0, count)
        .Select(i => ($"my {Words[i % 4]} question number {i} about the {Words[i % 4]}", Words[i % 4], (float[]?)null)).ToList();

    [Fact]
    public void ALearnableField_IsSwitchedOn_WithTheThresholdThatKeepsThePrecision()
    {
        var check = FitCheck.Run(Separable(200), null, 0.8);

        Assert.Equal(FitVerdict.On, check.Verdict);
        Assert.Equal(40, check.HeldBack);
        Assert.True(check.Coverage > 0.5 && check.Precision >= 0.8, $"{check.Coverage} {check.Precision}");
        Assert.Equal(4, check.PerClass.Count);
        Assert.Matches(@"^Category: \d+ % of tickets confidently, \d+ % precision — on$", check.Describe("category"));
    }

    [Fact]
    public void RandomLabels_StayWithAgents()
    {
        var random = new Random(3);
        var examples = Enumerable.Range(0, 200).Select(i => ($"ticket {i} text {random.Next(1000)}", Words[random.Next(4)], (float[]?)null)).ToList();

        var check = FitCheck.Run(examples, null, 0.8);

        Assert.Equal(FitVerdict.Manual, check.Verdict);
        Assert.Null(check.Threshold);
        Assert.Contains("stays with agents", check.Describe("priority"));
    }

    [Fact]
    public void AFieldThatDecidesTooFewTicketsAlone_StaysWithAgents_AndSaysWhy()
    {
        // One ticket in four is a clear invoice question; the rest are noise with random labels.
        var random = new Random(5);
        var examples = Enumerable.Range(0, 400).Select(i => i % 4 == 0
            ? ($"my invoice question number {i} about the invoice", "invoice", (float[]?)null)
            : ($"ticket {i} text {random.Next(1000)}", Words[1 + random.Next(3)], (float[]?)null)).ToList();

        var check = FitCheck.Run(examples, null, 0.8, minCoverage: 0.5);

        Assert.Equal(FitVerdict.Manual, check.Verdict);
        Assert.NotNull(check.Threshold); // a precise enough level exists, on too few tickets
        Assert.InRange(check.Coverage, 0.05, 0.5);
        Assert.Matches(@"^Priority: only \d+ % of tickets confidently \(\d+ % precision\), under the 50 % minimum — not enough labelled tickets yet, stays with agents$",
            check.Describe("priority"));
        Assert.Equal(FitVerdict.On, FitCheck.Run(examples, null, 0.8, minCoverage: 0.05).Verdict);
    }

    [Fact]
    public void FewLabels_AreTooFewToCheck()
    {
        var check = FitCheck.Run(Separable(60), null, 0.8);

        Assert.Equal((FitVerdict.TooFewLabels, 12), (check.Verdict, check.HeldBack));
        Assert.Contains("too few to check", check.Describe("type"));
    }

    [Theory]
    [InlineData("Refund please", false)] // no function words: a guess, not doubt
    [InlineData("The printer is broken and I want to know what to do with it", false)]
    [InlineData("Ich habe the problem und ich kann es nicht fix with the app", true)]
    [InlineData("Мой очиститель воздуха не включается", false)]
    public void Language_IsTornOnlyBetweenTwoLanguagesItKnows(string text, bool torn) => Assert.Equal(torn, LanguageDetector.IsTorn(text));

    [Theory]
    [InlineData("Manual", 0.0, true)]  // the check found no confidence good enough: always a human
    [InlineData("On", 1.0, false)]     // its own threshold (0) wins over Triage:ConfidenceThreshold
    [InlineData("TooFewLabels", 1.0, true)] // too few to check: the fixed threshold decides
    [InlineData("TooFewLabels", 0.0, false)]
    public async Task NeedsHuman_FollowsEachFieldsFitCheck(string verdict, double fixedThreshold, bool needsHuman)
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Triage:ConfidenceThreshold"] = fixedThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await host.Get<SampleDataSeeder>().SeedAsync(Path.Combine(AppContext.BaseDirectory, "knowledge-samples"));
        await using (var db = host.Db())
        {
            var json = System.Text.Json.JsonSerializer.Serialize(new FitCheck(Enum.Parse<FitVerdict>(verdict), 0.8, 40, verdict == "On" ? 0.0 : null, 1, 1, new Dictionary<string, ClassFit>()));
            await db.TriageModels.ExecuteUpdateAsync(s => s.SetProperty(m => m.FitCheck, json));
        }
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("Error E2", "The display shows E2 and the fan does not start.", "a@example.com"));

        var triage = await host.Get<TriageService>().TriageTicketAsync(ticket.Id);

        Assert.Equal(needsHuman, triage!.NeedsHuman);
    }
}
