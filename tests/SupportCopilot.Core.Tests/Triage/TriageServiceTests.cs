using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Samples;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Tests.Triage;

public class TriageServiceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "knowledge-samples");

    [Fact]
    public async Task Seeding_TrainsVersionedModels_AndNewTicketsAreTriagedByTheWorker()
    {
        await using var host = await TestHost.StartAsync();
        await host.Get<SampleDataSeeder>().SeedAsync(Samples);
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("Refund for broken purifier",
            "This is unacceptable. My purifier broke after a week, I want to return it and get my money back.", "a@example.com"));

        var worker = host.Get<TriageWorker>();
        var passes = 0;
        while (await worker.TriagePendingAsync(CancellationToken.None) > 0) passes++; // 64 labelled tickets get routed, the new one triaged
        Assert.InRange(passes, 1, 3);

        await using var db = host.Db();
        Assert.Equal(["category", "priority", "type"], await db.TriageModels.Select(m => m.Field).OrderBy(f => f).ToListAsync());
        var triage = await db.Triages.SingleAsync(t => t.TicketId == ticket.Id);
        var current = await host.Get<TriageModels>().CurrentAsync();
        Assert.StartsWith("ml.net v1.1.1", triage.Engine);
        Assert.NotNull(triage.Category);
        Assert.Contains(triage.Type, new[] { "question", "problem", "refund/return", "complaint", "feature request", "other" });
        Assert.Equal(("en", "negative"), (triage.Language, triage.Sentiment));
        Assert.Equal(new[] { triage.CategoryConfidence, triage.TypeConfidence, triage.PriorityConfidence, triage.LanguageConfidence }.Min(), triage.Confidence);
        Assert.True(triage.NeedsHuman || triage.Confidence >= 0.5 || current.Values.Any(m => m.Predictor.Fit?.Verdict == FitVerdict.On),
            "a ticket below 0.5 needs a human unless a field's own fit-check threshold says otherwise");
        Assert.Equal("General", (await db.Tickets.SingleAsync(t => t.Id == ticket.Id)).Queue);
        Assert.Equal(0, await db.Tickets.CountAsync(t => t.Queue == null)); // every ticket routed once
    }

    [Fact]
    public async Task SeededModels_CarryAFitCheck_ThatSaysWhichFieldsTriageDecidesAlone()
    {
        await using var host = await TestHost.StartAsync();
        await host.Get<SampleDataSeeder>().SeedAsync(Samples);

        var current = await host.Get<TriageModels>().CurrentAsync();

        Assert.All(current, m => Assert.NotNull(m.Value.Predictor.Fit));
        foreach (var (field, (_, predictor)) in current)
            output.WriteLine(predictor.Fit!.Describe(field)); // the verdicts on the seeded data, for the record
    }

    [Fact]
    public async Task NoModelYet_RulesStillGiveLanguageAndSentiment_AndTheTicketNeedsAHuman()
    {
        await using var host = await TestHost.StartAsync();
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("Luftreiniger", "Mein Luftreiniger ist kaputt und ich bin enttäuscht.", "a@example.com"));

        var triage = await host.Get<TriageService>().TriageTicketAsync(ticket.Id);

        Assert.Equal(("rules", "de", "negative", true), (triage!.Engine, triage.Language, triage.Sentiment, triage.NeedsHuman));
        Assert.Null(triage.Category);
        var report = await host.Get<TriageModels>().TrainAsync();
        Assert.All(report, r => Assert.NotNull(r.Skipped)); // one ticket is not enough to learn from
    }

    [Fact]
    public async Task HumanTriage_IsNeverOverwritten()
    {
        await using var host = await TestHost.StartAsync();
        await host.Get<SampleDataSeeder>().SeedAsync(Samples);
        await using var db = host.Db();
        var labelled = await db.Triages.FirstAsync(t => t.Engine == "label");

        var after = await host.Get<TriageService>().TriageTicketAsync(labelled.TicketId);

        Assert.Equal(("label", labelled.Category), (after!.Engine, after.Category));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("<html><body><p>My purifier <b>does not start</b></p></body></html>", "html")]
    [InlineData("Мой очиститель воздуха не включается", "cyrillic")]
    public async Task OddBodies_AreTriagedWithoutError(string body, string _)
    {
        await using var host = await TestHost.StartAsync();
        await host.Get<SampleDataSeeder>().SeedAsync(Samples);
        await using var db = host.Db();
        var ticket = new Ticket { Subject = "x", CustomerEmail = "a@example.com", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        ticket.Messages.Add(new TicketMessage { AuthorName = "a", Body = body, CreatedAt = DateTime.UtcNow });
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync();

        var triage = await host.Get<TriageService>().TriageTicketAsync(ticket.Id);

        Assert.NotNull(triage);
        Assert.InRange(triage.Confidence, 0, 1);
    }

    [Fact]
    public async Task MegabyteBody_IsTruncatedNotCrashed()
    {
        await using var host = await TestHost.StartAsync();
        await host.Get<SampleDataSeeder>().SeedAsync(Samples);
        var huge = string.Concat(Enumerable.Repeat("my filter light is red and the fan is loud ", 25_000)); // ~1 MB
        var guess = await host.Get<TriageService>().ClassifyAsync("Filter", huge);
        Assert.NotNull(guess.Category.Value);
    }
}
