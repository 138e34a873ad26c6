using System.Text;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Retrieval;

public class LexicalSearchTests
{
    private const string Guide = "# Purifier guide\n\n## Replacing the filter\n\nOpen the back cover and pull the old filter out. Insert the new filter with the arrow facing the fan.\n\n## Night mode\n\nPress the moon button to dim the lights and lower the fan speed.";

    [Fact]
    public async Task Search_AfterIngest_FindsTheMatchingSectionFirst()
    {
        await using var host = await TestHost.StartAsync();
        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes(Guide));

        var hits = await host.Get<Retriever>().SearchAsync("How do I replace the filter?");

        Assert.NotEmpty(hits);
        Assert.Equal("Purifier guide > Replacing the filter", hits[0].HeadingPath);
        Assert.Equal(1.0, hits[0].Coverage);
    }

    [Theory]
    [InlineData("10", "Guide > Descaling the kettle")]
    [InlineData("0.1", "Guide > Cleaning")]
    public async Task HeadingWeight_DecidesBetweenAHeadingMatchAndATextMatch(string weight, string expectedFirst)
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Search:HeadingWeight"] = weight });
        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes("# Guide\n\n## Descaling the kettle\n\nFill it with vinegar water, boil it, rinse twice." +
            "\n\n## Cleaning\n\nWipe the outside; descaling is covered separately and the kettle should be unplugged first."));

        var hits = await host.Get<Retriever>().SearchAsync("descaling kettle");

        Assert.Equal(expectedFirst, hits[0].HeadingPath);
    }

    [Fact]
    public async Task Ingest_SameBytesTwice_CreatesNoNewDocumentOrChunks()
    {
        await using var host = await TestHost.StartAsync();
        var first = await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes(Guide));
        var second = await host.Get<KnowledgeUploads>().UploadAsync("copy.md", Encoding.UTF8.GetBytes(Guide));

        await using var db = host.Db();
        Assert.Equal((UploadOutcome.Duplicate, first.Id), (second.Outcome, second.DocumentId!.Value));
        Assert.Equal(1, await db.IngestionJobs.CountAsync());
        Assert.Equal(1, await db.Documents.CountAsync());
        Assert.Equal(first.Chunks.Count, await db.Chunks.CountAsync());
    }

    [Fact]
    public async Task Ingest_EmptyFile_StoresFailedDocumentWithReasonAndNoChunks()
    {
        await using var host = await TestHost.StartAsync();
        var doc = await host.IngestAsync("empty.md", "   \n"u8.ToArray());

        Assert.Equal(DocumentStatus.Failed, doc.Status);
        Assert.Equal("The file contains no text.", doc.FailureReason);
        await using var db = host.Db();
        Assert.Equal(0, await db.Chunks.CountAsync());
    }

    [Theory]
    [InlineData("filter\" OR \"night")]
    [InlineData("NEAR(filter night) AND -*")]
    [InlineData("\"\"\"")]
    public async Task Search_WithFtsSyntaxInQuery_TreatsItAsPlainWords(string query)
    {
        await using var host = await TestHost.StartAsync();
        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes(Guide));

        var hits = await host.Get<Retriever>().SearchAsync(query);

        Assert.All(hits, h => Assert.True(h.Score > 0));
    }

    [Fact]
    public async Task DeletingADocument_RemovesItsChunksFromTheLexicalIndex()
    {
        await using var host = await TestHost.StartAsync();
        var doc = await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes(Guide));
        await using (var db = host.Db()) await db.Documents.Where(d => d.Id == doc.Id).ExecuteDeleteAsync();

        Assert.Empty(await host.Get<Retriever>().SearchAsync("replace filter"));
        await using var check = host.Db();
        var ftsRows = await check.Database.SqlQueryRaw<int>("SELECT count(*) AS Value FROM ChunksFts WHERE ChunksFts MATCH 'filter'").SingleAsync();
        Assert.Equal(0, ftsRows);
    }

    [Fact]
    public async Task CommonTerm_IsLeftOutOfLargeQueries_ButTheRareTermStillFinds()
    {
        await using var host = await TestHost.StartAsync();
        // 1,200 chunks that all say "purifier"; one also says "quasar".
        var text = new StringBuilder("# Bulk\n\n");
        for (var i = 0; i < 1200; i++) text.Append($"## Part {i}\n\nThe purifier part {i}{(i == 700 ? " has a quasar sticker" : "")}.\n\n");
        await host.IngestAsync("bulk.md", Encoding.UTF8.GetBytes(text.ToString()));
        var retriever = host.Get<Retriever>();

        var both = await retriever.SearchAsync("purifier quasar", top: 50);
        var common = await retriever.SearchAsync("purifier", top: 50);

        Assert.Contains("quasar", Assert.Single(both).Text); // "purifier" (in 100% of chunks) was dropped
        Assert.Equal(50, common.Count); // alone, a common term still searches
    }

    [Fact]
    public async Task QueryTerms_AreKeptRarestFirst_WithinAPostingBudget()
    {
        await using var host = await TestHost.StartAsync();
        // 1,200 chunks: "alpha" in 30, "beta" in 40, "quasar" in one. The budget is 5 % of the chunks = 60 postings:
        // quasar (1) + alpha (30) fit, beta (40 more) does not.
        var text = new StringBuilder("# Bulk\n\n");
        for (var i = 0; i < 1200; i++)
            text.Append($"## Part {i}\n\nPiece {i}{(i < 30 ? " alpha" : i < 70 ? " beta" : "")}{(i == 700 ? " quasar" : "")}.\n\n");
        await host.IngestAsync("bulk.md", Encoding.UTF8.GetBytes(text.ToString()));

        var hits = await host.Get<Retriever>().SearchAsync("beta alpha quasar", top: 50);

        Assert.Equal(31, hits.Count);
        Assert.DoesNotContain(hits, h => h.Text.Contains("beta"));
        Assert.Single(hits, h => h.Text.Contains("quasar"));
    }

    [Fact]
    public async Task RememberedTermCounts_AreRenewed_WhenChunksAreAdded()
    {
        await using var host = await TestHost.StartAsync();
        // 1,200 chunks with "quasar" in one and "alpha" in 30: both fit the 60-posting budget.
        var text = new StringBuilder("# Bulk\n\n");
        for (var i = 0; i < 1200; i++) text.Append($"## Part {i}\n\nPiece {i}{(i < 30 ? " alpha" : "")}{(i == 700 ? " quasar" : "")}.\n\n");
        await host.IngestAsync("bulk.md", Encoding.UTF8.GetBytes(text.ToString()));
        var retriever = host.Get<Retriever>();
        Assert.Equal(30, (await retriever.SearchAsync("alpha quasar", top: 50)).Count(h => h.Text.Contains("alpha")));

        // 100 more chunks with "alpha": 130 postings no longer fit, so the counts the first query remembered must not be used.
        var more = new StringBuilder("# More\n\n");
        for (var i = 0; i < 100; i++) more.Append($"## Extra {i}\n\nExtra {i} alpha.\n\n");
        await host.IngestAsync("more.md", Encoding.UTF8.GetBytes(more.ToString()));

        var hits = await retriever.SearchAsync("alpha quasar", top: 50);

        Assert.Contains("quasar", Assert.Single(hits).Text);
    }

    [Theory]
    [InlineData("filters", new[] { "filters", "filter", "filte", "filt", "fil" })]
    [InlineData("battery", new[] { "batteri", "battery", "batter", "batte", "batt", "bat" })]
    [InlineData("go", new[] { "go" })]
    public void StemCandidates_AreTheWordItsYiFormAndItsPrefixes(string term, string[] expected) =>
        Assert.Equal(expected, FtsTermBudget.StemCandidates(term));
}
