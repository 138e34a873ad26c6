using SupportCopilot.Core.Samples;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Tests.Triage;

/// <summary>Issue 19.3: urgency the learned model sees only as n-grams raises the priority and names the reason.</summary>
public class UrgencySignalsTests
{
    private static readonly string[] Priorities = ["low", "medium", "high", "urgent"];

    [Theory]
    [InlineData("Our whole shop is down since 9:00, total outage", "outage mentioned")]
    [InlineData("We think our account was hacked, there are unauthorized charges", "security incident mentioned")]
    [InlineData("After the update we lost all our data", "data loss mentioned")]
    [InlineData("If this is not fixed my lawyer will take legal action", "legal action mentioned")]
    [InlineData("The payment failed three times and now I was charged twice", "payment failure mentioned")]
    [InlineData("Seit heute Morgen ist der Dienst nicht erreichbar", "outage mentioned")]
    [InlineData("Datenverlust nach dem Update", "data loss mentioned")]
    [InlineData("We need the invoice corrected by Friday for our audit", "deadline mentioned")]
    [InlineData("Bitte dringend prüfen, die Frist läuft morgen ab", "deadline mentioned")]
    [InlineData("This is the third time I am writing about the broken fan", "repeated contact")]
    [InlineData("Ich habe schon zweimal geschrieben und immer noch keine Antwort", "repeated contact")]
    [InlineData("Toujours pas de réponse à mon message", "repeated contact")]
    public void Signals_AreNamed(string text, string reason) => Assert.Equal(reason, UrgencySignals.Reason(text));

    [Theory]
    [InlineData("How do I change the filter?")]
    [InlineData("Is the download page down the hall from the manual?")] // "down" alone is not an outage
    [InlineData("My courtyard is a legal parking space")]
    [InlineData("How long does the filter last? Is it still good after a year?")] // "still" alone is not waiting
    [InlineData("I ordered it last time from you and it arrived in two days")]
    public void OrdinaryTickets_CarryNoSignal(string text) => Assert.Null(UrgencySignals.Reason(text));

    [Theory]
    [InlineData("low", "high")]
    [InlineData("medium", "high")]
    [InlineData("urgent", "urgent")] // never lowered
    public void ASignal_RaisesLowAndMedium_ToHigh(string guessed, string expected)
    {
        var (label, confidence, reason) = UrgencySignals.Adjust(guessed, 0.3, "The system is down for everyone", Priorities);

        Assert.Equal((expected, "outage mentioned"), (label, reason));
        Assert.True(confidence >= 0.3);
    }

    [Fact]
    public void ADeadline_ExplainsAHighGuess_ButRaisesNothing_AndRepeatedContactRaises()
    {
        const string deadline = "Please fix the invoice by Friday, it is urgent.";
        Assert.Equal(("medium", 0.4, (string?)null), UrgencySignals.Adjust("medium", 0.4, deadline, Priorities));
        Assert.Equal(("high", 0.7, "deadline mentioned"), UrgencySignals.Adjust("high", 0.7, deadline, Priorities));
        Assert.Equal(("high", "repeated contact"), UrgencySignals.Adjust("low", 0.3, "This is the third time I write about the fan.", Priorities) is var r ? (r.Label, r.Reason) : default);
    }

    [Fact]
    public void NoSignal_LeavesTheGuessAlone() =>
        Assert.Equal(("low", 0.4, (string?)null), UrgencySignals.Adjust("low", 0.4, "Where is the manual?", Priorities));

    [Fact]
    public async Task ATicketMentioningAnOutage_IsTriagedHigh_WithTheReasonStored()
    {
        await using var host = await TestHost.StartAsync();
        await host.Get<SampleDataSeeder>().SeedAsync(Path.Combine(AppContext.BaseDirectory, "knowledge-samples"));
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("App", "The Nimbus app service is down, total outage since this morning.", "a@example.com"));

        var triage = await host.Get<TriageService>().TriageTicketAsync(ticket.Id);

        Assert.Equal("outage mentioned", triage!.PriorityReason);
        Assert.Contains(triage.Priority, new[] { "high", "urgent" });
    }

    [Fact]
    public void History_RaisesALowGuess_ExplainsAHighOne_AndNeedsTwoOtherTickets()
    {
        Assert.Equal(("high", 0.6, "contacted us 3 times in 14 days"), UrgencySignals.AdjustForHistory("low", 0.4, null, 2, Priorities));
        Assert.Equal(("urgent", 0.9, "outage mentioned"), UrgencySignals.AdjustForHistory("urgent", 0.9, "outage mentioned", 5, Priorities)); // a text signal's reason stays
        Assert.Equal(("high", 0.8, "contacted us 4 times in 14 days"), UrgencySignals.AdjustForHistory("high", 0.8, null, 3, Priorities));
        Assert.Equal(("medium", 0.5, (string?)null), UrgencySignals.AdjustForHistory("medium", 0.5, null, 1, Priorities));
    }

    [Fact]
    public async Task ACustomersThirdTicketInTwoWeeks_IsTriagedHigh_WithTheReason_AnotherCustomersIsNot()
    {
        await using var host = await TestHost.StartAsync();
        await host.Get<SampleDataSeeder>().SeedAsync(Path.Combine(AppContext.BaseDirectory, "knowledge-samples"));
        var tickets = host.Get<TicketService>();
        const string Body = "Where can I find the manual for my purifier?";
        await tickets.CreateAsync(new NewTicket("Manual", Body, "Repeat@Example.com"));
        await tickets.CreateAsync(new NewTicket("Manual again", Body, "repeat@example.com"));
        var third = await tickets.CreateAsync(new NewTicket("Manual, third try", Body, "REPEAT@example.com"));
        var once = await tickets.CreateAsync(new NewTicket("Manual, third try", Body, "once@example.com"));

        var triage = await host.Get<TriageService>().TriageTicketAsync(third.Id);
        var control = await host.Get<TriageService>().TriageTicketAsync(once.Id);

        Assert.Equal("contacted us 3 times in 14 days", triage!.PriorityReason);
        Assert.Contains(triage.Priority, new[] { "high", "urgent" });
        Assert.Null(control!.PriorityReason);
    }
}
