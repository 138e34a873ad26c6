using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Samples;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Tests.Triage;

/// <summary>Issue 19.1/19.2: the neighbour vote, the combined predictor and the coverage-at-precision arithmetic.</summary>
public class NeighbourVoteTests
{
    private static readonly string[] Classes = ["billing", "hardware"];

    private static NeighbourVote Vote() => new("test-model", Classes,
    [
        ([1f, 0f, 0f], "billing"), ([0.9f, 0.1f, 0f], "billing"), ([0f, 1f, 0f], "hardware"), ([0.1f, 0.9f, 0.1f], "hardware"),
    ]);

    [Fact]
    public void Vote_FavoursTheClassOfTheClosestTickets()
    {
        var p = Vote().Probabilities([0.95f, 0.05f, 0f]);

        Assert.Equal(2, p.Length);
        Assert.True(p[0] > 0.9, string.Join(",", p));
        Assert.Equal(1.0, p.Sum(), 6);
    }

    [Fact]
    public void Vote_SurvivesSavingAndLoading_AtHalfPrecision()
    {
        var loaded = NeighbourVote.Load(Vote().Save());

        Assert.Equal(("test-model", 4), (loaded.Model, loaded.Count));
        Assert.Equal(Classes, loaded.Classes);
        Assert.Equal(Vote().Probabilities([0f, 1f, 0f]), loaded.Probabilities([0f, 1f, 0f]), (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [Fact]
    public void Predictor_DividesByTheSquareRootOfThePrior_SoTheCommonestLabelDoesNotSwallowTheRest()
    {
        var examples = Enumerable.Range(0, 30).Select(i => ($"invoice payment charge {i}", "billing"))
            .Concat(Enumerable.Range(0, 10).Select(i => ($"fan motor noise {i}", "hardware"))).ToList();
        var classifier = FieldClassifier.Train(examples);
        var priors = FieldPredictor.Priors(examples.Select(e => e.Item2));
        Assert.Equal(0.75, priors["billing"], 6);

        var raw = classifier.Probabilities("hello");
        var (label, confidence) = new FieldPredictor(classifier, null, priors).Predict("hello");

        // By hand: p / √prior, renormalised.
        var adjusted = new[] { raw[0] / Math.Sqrt(0.75), raw[1] / Math.Sqrt(0.25) };
        var best = adjusted[0] >= adjusted[1] ? 0 : 1;
        Assert.Equal(classifier.Classes[best], label);
        Assert.Equal(Math.Round(adjusted[best] / adjusted.Sum(), 4), confidence);
    }

    [Fact]
    public void Predictor_AveragesTheClassifierWithTheVote_WhenTheTicketHasAnEmbedding()
    {
        var examples = new List<(string, string)> { ("invoice charge", "billing"), ("invoice payment", "billing"), ("fan noise", "hardware"), ("motor noise", "hardware") };
        var classifier = FieldClassifier.Train(examples);
        var flat = new Dictionary<string, double> { ["billing"] = 1, ["hardware"] = 1 };
        var predictor = new FieldPredictor(classifier, Vote(), flat);

        var withVote = predictor.Predict("something unrelated", [0f, 1f, 0f]);
        var p = classifier.Probabilities("something unrelated");
        var v = Vote().Probabilities([0f, 1f, 0f]);

        Assert.Equal("hardware", withVote.Label);
        Assert.Equal(Math.Round((p[1] + v[1]) / 2 / ((p[0] + v[0]) / 2 + (p[1] + v[1]) / 2), 4), withVote.Confidence);
    }

    [Fact]
    public void Predictor_WeighsTheVoteAsItsFitCheckChose()
    {
        // The words say billing ("invoice"), the nearest tickets say hardware.
        var examples = new List<(string, string)> { ("invoice charge", "billing"), ("invoice payment", "billing"), ("fan noise", "hardware"), ("motor noise", "hardware") };
        var classifier = FieldClassifier.Train(examples);
        var flat = new Dictionary<string, double> { ["billing"] = 1, ["hardware"] = 1 };
        FieldPredictor With(double? weight) => new(classifier, Vote(), flat)
        {
            Fit = new FitCheck(FitVerdict.On, 0.8, 40, null, 0, null, new Dictionary<string, ClassFit>(), NeighbourWeight: weight),
        };

        Assert.Equal("billing", With(0).Predict("invoice charge invoice", [0f, 1f, 0f]).Label);
        Assert.Equal("hardware", With(1).Predict("invoice charge invoice", [0f, 1f, 0f]).Label);
        Assert.Equal(FieldPredictor.DefaultNeighbourWeight, With(null).NeighbourWeight); // a fit check stored before weights
    }

    [Fact]
    public void FitCheck_KeepsTheEvenMix_UnlessAnotherWeightIsClearlyBetterOnHeldBackTickets()
    {
        // Words and embeddings both tell the classes apart: no weight gains, so the even mix stays.
        string[] words = ["invoice", "fan", "wifi", "parcel"];
        var examples = Enumerable.Range(0, 200).Select(i => ($"my {words[i % 4]} question {i}", words[i % 4],
            (float[]?)Enumerable.Range(0, 4).Select(d => d == i % 4 ? 1f : 0.01f * (i % 7)).ToArray())).ToList();

        Assert.Equal(0.5, FitCheck.Run(examples, "test-model", 0.8).NeighbourWeight);
        Assert.Null(FitCheck.Run(examples.Select(e => (e.Item1, e.Item2, (float[]?)null)).ToList(), null, 0.8).NeighbourWeight); // no neighbours
        Assert.Equal(1.0, FitCheck.MacroF1([("a", "a"), ("b", "b")]));
        Assert.Equal(0.333, FitCheck.MacroF1([("a", "a"), ("b", "a")]), 3); // a: 2·1/(2+1) = 0.667, b: 0
    }

    [Fact]
    public void Coverage_ThresholdIsTheLowestConfidenceThatKeepsThePrecision()
    {
        // 12 confident and right, then 4 wrong and 2 right below 0.5.
        var rows = Enumerable.Range(0, 12).Select(i => ("a", ("a", 0.9 - i * 0.01)))
            .Concat(Enumerable.Range(0, 4).Select(i => ("a", ("b", 0.45 - i * 0.01))))
            .Concat(Enumerable.Range(0, 2).Select(i => ("a", ("a", 0.3 - i * 0.01)))).ToList();

        var threshold = TriageCoverage.Threshold(rows, 0.8);

        // From the top down, precision stays ≥ 0.8 through the 15th row (12/15 = 0.8); after it: 12/16, 13/17, 14/18.
        Assert.Equal(0.43, threshold!.Value, 6);
        var at = TriageCoverage.At(rows, threshold, 0.8);
        Assert.Equal((0.833, 0.8, 15, 18), (at.Coverage, at.Precision!.Value, at.Confident, at.Tickets));
        Assert.Null(TriageCoverage.Threshold(rows.Take(5).ToList(), 0.8)); // too few to mean anything
    }

    [Fact]
    public async Task Training_WithTheEmbeddingModel_StoresTheNeighbours_AndTriageUsesThem()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Models:Embedding:0:Provider"] = "Local" });
        await host.Get<SampleDataSeeder>().SeedAsync(Path.Combine(AppContext.BaseDirectory, "knowledge-samples"));
        await host.Get<TriageModels>().TrainAsync();

        await using var db = host.Db();
        var model = await db.TriageModels.Where(m => m.Field == "category").OrderByDescending(m => m.Version).FirstAsync();
        var vote = NeighbourVote.Load(model.Neighbours!);
        Assert.Equal(("all-MiniLM-L6-v2", model.Examples), (vote.Model, vote.Count));
        Assert.All(model.Classes.Split('\n'), line => Assert.Matches(@"^.+\t\d+$", line));
        var current = await host.Get<TriageModels>().CurrentAsync();
        Assert.NotNull(current["category"].Predictor.Neighbours);

        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("Error E2", "The display shows E2 and the fan does not start.", "a@example.com"));
        var triage = await host.Get<TriageService>().TriageTicketAsync(ticket.Id);
        Assert.Equal("Troubleshooting & Errors", triage!.Category);
    }

    [Fact]
    public async Task Embeddings_AreKept_ATrainingReusesThem_AndRecomputesOnlyChangedTexts_AndTriageKeepsItsOwn()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Models:Embedding:0:Provider"] = "Local" });
        await host.Get<SampleDataSeeder>().SeedAsync(Path.Combine(AppContext.BaseDirectory, "knowledge-samples"));
        var models = host.Get<TriageModels>();
        await models.TrainAsync();

        int kept, reused, changed;
        await using (var db = host.Db())
        {
            var rows = await db.TicketEmbeddings.OrderBy(e => e.TicketId).ToListAsync();
            kept = rows.Count;
            Assert.True(kept >= 20, $"{kept} kept");
            Assert.All(rows, r => Assert.Equal(("all-MiniLM-L6-v2", 384 * 2), (r.Model, r.Vector.Length)));
            // A sentinel the model would never produce, under the right hash: if the next training reuses it, it stays.
            (reused, changed) = (rows[0].TicketId, rows[1].TicketId);
            rows[0].Vector = TicketEmbedding.Pack(Enumerable.Repeat(0.5f, 384).ToArray());
            rows[1].Vector = TicketEmbedding.Pack(Enumerable.Repeat(0.5f, 384).ToArray());
            rows[1].TextHash = TicketEmbedding.Hash("another text");
            await db.SaveChangesAsync();
        }

        await models.TrainAsync();

        await using (var db = host.Db())
        {
            Assert.Equal(kept, await db.TicketEmbeddings.CountAsync());
            Assert.All(TicketEmbedding.Unpack((await db.TicketEmbeddings.SingleAsync(e => e.TicketId == reused)).Vector), x => Assert.Equal(0.5f, x));
            Assert.Contains(TicketEmbedding.Unpack((await db.TicketEmbeddings.SingleAsync(e => e.TicketId == changed)).Vector), x => x != 0.5f);
        }

        // a new ticket triaged with the neighbour vote keeps its embedding for the next training
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("Error E2", "The display shows E2 and the fan does not start.", "k@example.com"));
        await host.Get<TriageService>().TriageTicketAsync(ticket.Id);
        await using var check = host.Db();
        Assert.True(await check.TicketEmbeddings.AnyAsync(e => e.TicketId == ticket.Id && e.Model == "all-MiniLM-L6-v2"));
    }

    [Fact]
    public async Task ImportedTickets_AreEmbeddedInTheBackgroundInBatches_SoTheNextTrainingFindsThemKept()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Models:Embedding:0:Provider"] = "Local" });
        await host.Get<SampleDataSeeder>().SeedAsync(Path.Combine(AppContext.BaseDirectory, "knowledge-samples"));
        var models = host.Get<TriageModels>();
        var lines = Enumerable.Range(1, 40).Select(i => $"{{\"subject\": \"Invoice {i}\", \"body\": \"I was charged twice for order {i}.\", \"priority\": \"high\"}}");
        var report = await host.Get<TriageImport>().ImportAsync("old.jsonl", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        Assert.Equal(40, report.Imported);
        async Task<int> Missing()
        {
            await using var db = host.Db();
            var missing = await db.Triages.CountAsync(t => t.Engine == "label" && !db.TicketEmbeddings.Any(e => e.TicketId == t.TicketId && e.Model == "all-MiniLM-L6-v2"));
            Assert.Equal(missing, await models.UnembeddedCountAsync()); // what the admin page shows
            return missing;
        }
        Assert.Equal(40, await Missing());

        Assert.Equal(32, await models.EmbedLabelledAsync(32, CancellationToken.None));
        Assert.Equal(8, await Missing());
        Assert.Equal(8, await models.EmbedLabelledAsync(32, CancellationToken.None));
        Assert.Equal(0, await Missing());
        Assert.Equal(0, await models.EmbedLabelledAsync(32, CancellationToken.None)); // nothing left (and no query for a minute)
        // unless an import brings more: it wakes the background pass at once
        await host.Get<TriageImport>().ImportAsync("more.jsonl", "{\"subject\": \"Refund\", \"body\": \"Where is my refund?\", \"priority\": \"low\"}"u8.ToArray());
        Assert.Equal(1, await models.EmbedLabelledAsync(32, CancellationToken.None));
        Assert.Equal(0, await Missing());

        // the kept vectors are the ones a training would compute for the same text
        await using var check = host.Db();
        var row = await check.TicketEmbeddings.Where(e => check.Tickets.Any(t => t.Id == e.TicketId && t.Subject == "Invoice 7")).SingleAsync();
        var fresh = await models.EmbedAsync(TriageText.Prepare("Invoice 7", "I was charged twice for order 7."), CancellationToken.None);
        Assert.Equal(TicketEmbedding.Hash(TriageText.Prepare("Invoice 7", "I was charged twice for order 7.")), row.TextHash);
        var kept = TicketEmbedding.Unpack(row.Vector);
        for (var i = 0; i < kept.Length; i++) Assert.Equal(fresh![i], kept[i], 0.002);
    }

    [Fact]
    public void Pack_KeepsAVectorToHalfPrecision()
    {
        float[] v = [0.1f, -0.25f, 0.7071f, 0];
        var back = TicketEmbedding.Unpack(TicketEmbedding.Pack(v));
        Assert.Equal(v.Length, back.Length);
        for (var i = 0; i < v.Length; i++) Assert.Equal(v[i], back[i], 0.001);
    }
}
