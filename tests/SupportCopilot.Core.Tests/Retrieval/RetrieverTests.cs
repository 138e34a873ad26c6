using System.Text;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Retrieval;

public class RetrieverTests
{
    private static byte[] Md(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task Filters_ByTagAndDocument_RestrictTheHits()
    {
        await using var host = await TestHost.StartAsync();
        var uploads = host.Get<KnowledgeUploads>();
        await uploads.UploadAsync("a300.md", Md("# Filter\n\nThe AirPure 300 filter lasts a year."), "airpure-300 en");
        await uploads.UploadAsync("a500.md", Md("# Filter\n\nThe AirPure 500 filter lasts nine months."), "airpure-500 en");
        await host.Get<IngestionWorker>().DrainAsync();
        var retriever = host.Get<Retriever>();

        var all = await retriever.SearchAsync(new SearchRequest("filter lasts"));
        var only500 = await retriever.SearchAsync(new SearchRequest("filter lasts", Filters: new SearchFilters(Tags: ["AirPure-500"])));
        var both = await retriever.SearchAsync(new SearchRequest("filter lasts", Filters: new SearchFilters(Tags: ["en", "airpure-300"])));
        var none = await retriever.SearchAsync(new SearchRequest("filter lasts", Filters: new SearchFilters(Tags: ["no-such-tag"])));

        Assert.Equal(2, all.Hits.Count);
        Assert.Equal("a500.md", Assert.Single(only500.Hits).FileName);
        Assert.Equal("a300.md", Assert.Single(both.Hits).FileName);
        Assert.Empty(none.Hits);
        var docId = all.Hits.Single(h => h.FileName == "a300.md").DocumentId;
        Assert.Equal("a300.md", Assert.Single((await retriever.SearchAsync(new SearchRequest("filter", Filters: new SearchFilters(DocumentIds: [docId])))).Hits).FileName);
    }

    [Fact]
    public async Task NearDuplicatePassages_AreCollapsedToOne()
    {
        await using var host = await TestHost.StartAsync();
        const string passage = "To reset the filter counter hold the Filter button for five seconds until you hear a long beep.";
        await host.IngestAsync("manual.md", Md($"# Manual\n\n{passage}"));
        await host.IngestAsync("faq.md", Md($"# FAQ\n\n{passage} Thanks!"));
        await host.IngestAsync("other.md", Md("# Other\n\nThe filter counter shows the remaining life in percent."));

        var result = await host.Get<Retriever>().SearchAsync(new SearchRequest("reset filter counter"));

        Assert.Equal(2, result.Hits.Count);
        Assert.Single(result.Hits, h => h.Text.Contains("long beep"));
    }

    [Theory]
    [InlineData(null, 1, true)]  // the default: one hit per section
    [InlineData("0", 5, false)]  // no cap: the long section's chunks fill the top five and push the other section out
    public async Task ALongSectionCutIntoChunks_GivesOneHit_SoOtherSectionsAreSeen(string? cap, int longSectionHits, bool otherSectionSeen)
    {
        var settings = cap is null ? null : new Dictionary<string, string?> { ["Search:PassagesPerSection"] = cap };
        await using var host = await TestHost.StartAsync(settings: settings);
        // Forty different paragraphs about the filter (distinct words, so no two chunks are near-duplicates).
        var paragraphs = Enumerable.Range(1, 40).Select(i => $"Filter note {i}: " + string.Join(' ', Enumerable.Range(1, 25).Select(j => $"part{i}x{j}")) + ".");
        var doc = "# Purifier\n\n## Filter care\n\n" + string.Join("\n\n", paragraphs) + "\n\n## Filter reminders\n\nThe app reminds you when the filter needs changing.";
        await host.IngestAsync("purifier.md", Md(doc));

        var hits = (await host.Get<Retriever>().SearchAsync(new SearchRequest("filter", Top: 5))).Hits;

        Assert.True(await host.Db().Chunks.CountAsync(c => c.HeadingPath == "Purifier > Filter care") >= 4); // the section really is cut
        Assert.Equal(longSectionHits, hits.Count(h => h.HeadingPath == "Purifier > Filter care"));
        Assert.Equal(otherSectionSeen, hits.Any(h => h.HeadingPath == "Purifier > Filter reminders"));
    }

    [Theory]
    [InlineData(null, "remote.md")]  // the default: the words of the question side by side win
    [InlineData("0", "back.md")]     // without proximity BM25 prefers the shorter passage that has both words apart
    public async Task APassageWithTheQuestionsWordsSideBySide_OutranksOneWithThemApart(string? weight, string first)
    {
        var settings = weight is null ? null : new Dictionary<string, string?> { ["Search:ProximityWeight"] = weight };
        await using var host = await TestHost.StartAsync(settings: settings);
        await host.IngestAsync("back.md", Md("# Back panel\n\nThe reset button sits at the back. The remote works anywhere."));
        await host.IngestAsync("remote.md", Md("# Pairing\n\nTo reset the remote, hold its two arrow keys for five seconds until the light blinks twice and pairing starts again with your television."));

        var hits = (await host.Get<Retriever>().SearchAsync(new SearchRequest("How do I reset the remote?"))).Hits;

        Assert.Equal(2, hits.Count);
        Assert.Equal(first, hits[0].FileName);
    }

    [Theory]
    [InlineData(null, "warranty.md")] // the default: the ticket's question counts as well as its story
    [InlineData("0", "sensor.md")]    // the whole ticket alone: the story's words about the sensor win
    public async Task ALongTicketsQuestion_BringsItsSectionBackInFront(string? weight, string first)
    {
        var settings = weight is null ? null : new Dictionary<string, string?> { ["Search:FocusWeight"] = weight };
        await using var host = await TestHost.StartAsync(settings: settings);
        await host.IngestAsync("sensor.md", Md("# Sensor care\n\nWhen the sensor seems faulty, clean the sensor window with a dry cotton swab."));
        await host.IngestAsync("warranty.md", Md("# Warranty\n\nHow long the limited warranty lasts: two years from the delivery date."));
        var query = TicketQuery.Build("Purifier", "I bought it 20 months ago and the sensor seems faulty now. How long is the warranty?");

        var hits = (await host.Get<Retriever>().SearchAsync(new SearchRequest(query) { Focus = TicketQuery.Focus(query) })).Hits;

        Assert.Equal(2, hits.Count);
        Assert.Equal(first, hits[0].FileName);
    }

    [Theory]
    [InlineData(new[] { 1.0, 0.85, 0.5 }, new[] { 0.4, 0.8, 0.9 }, "B")]      // a close second holding twice the question's terms goes first
    [InlineData(new[] { 1.0, 0.7, 0.65 }, new[] { 0.4, 0.9, 0.9 }, "A")]      // not close: the ranking stands
    [InlineData(new[] { 1.0, 0.9, 0.85 }, new[] { 0.5, 0.7, 0.7 }, "A")]      // close, but only a fifth more of the terms
    [InlineData(new[] { 1.0, 0.9, 0.85 }, new[] { 0.2, 0.5, 0.9 }, "C")]      // of two that qualify, the one that holds more
    [InlineData(new[] { 1.0, 0.95, 0.9, 0.9 }, new[] { 0.3, 0.3, 0.3, 1.0 }, "A")] // the fourth is outside the window
    public void AHitThatTiesWithTheFirstAndHoldsFarMoreOfTheQuestion_GoesFirst(double[] scores, double[] coverages, string first)
    {
        var hits = scores.Select((s, i) => new SearchHit(i + 1, 1, "m.md", ((char)('A' + i)).ToString(), null, "text", s, coverages[i])).ToList();

        Retriever.CoverageFirst(hits, new RetrievalOptions().CoverageLead);

        Assert.Equal(first, hits[0].HeadingPath);
        Assert.Equal(scores.Length, hits.Count); // reordered, nothing lost
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("the and of")]
    [InlineData("\"* NEAR - : ( ) ^")]
    public async Task TrivialOrSyntaxOnlyQueries_FindNothingWithoutError(string query)
    {
        await using var host = await TestHost.StartAsync();
        await host.IngestAsync("g.md", Md("# Guide\n\nThe filter and the sensor."));

        var result = await host.Get<Retriever>().SearchAsync(new SearchRequest(query));

        Assert.Empty(result.Hits);
        Assert.Equal(0, result.Confidence);
    }

    [Fact]
    public async Task HugeQuery_IsCappedAndStillAnswers()
    {
        await using var host = await TestHost.StartAsync();
        await host.IngestAsync("g.md", Md("# Guide\n\nThe quartz sensor needs cleaning."));
        var query = "quartz sensor " + string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"w{i}"));

        var result = await host.Get<Retriever>().SearchAsync(new SearchRequest(query));

        Assert.True(query.Length > 10_000);
        Assert.Single(result.Hits);
    }

    [Fact]
    public async Task Hybrid_WithEmbeddings_FindsAPassageThatSharesNoWordWithTheQuery()
    {
        await using var ollama = await FakeOllama.StartAsync();
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Models:Embedding:0:Provider"] = "Ollama", ["Models:Embedding:0:Endpoint"] = ollama.Url.ToString(), ["Models:Embedding:0:Model"] = "nomic-embed-text",
        });
        await host.IngestAsync("a.md", Md("# Alpha\n\nzebra quartz"));
        await host.IngestAsync("b.md", Md("# Beta\n\nmaple river stone"));
        await host.Get<VectorIndexSync>().SyncAsync();
        // The fake embeds by hashing words into 8 buckets; find a word that shares a bucket with "zebra" but is not in any text.
        var twin = Enumerable.Range(0, 5000).Select(i => $"x{i}").First(w => FakeOllama.Embed(w).SequenceEqual(FakeOllama.Embed("zebra")));

        var result = await host.Get<Retriever>().SearchAsync(new SearchRequest(twin, Top: 1));

        Assert.Equal("dense", result.Mode);
        Assert.Equal("a.md", Assert.Single(result.Hits).FileName);
        Assert.Equal(2, host.Get<EmbeddedVectorIndex>().Count);
    }

    [Fact]
    public async Task EmbeddingModelDown_SearchFallsBackToKeywords()
    {
        await using var ollama = await FakeOllama.StartAsync();
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Models:Embedding:0:Provider"] = "Ollama", ["Models:Embedding:0:Endpoint"] = ollama.Url.ToString(), ["Models:Embedding:0:Model"] = "nomic-embed-text",
        });
        await host.IngestAsync("a.md", Md("# Alpha\n\nThe quartz sensor."));
        await host.Get<VectorIndexSync>().SyncAsync();
        ollama.Down = true;

        var result = await host.Get<Retriever>().SearchAsync(new SearchRequest("quartz sensor"));

        Assert.Equal("lexical", result.Mode);
        Assert.Single(result.Hits);
    }

    [Fact]
    public async Task ARetrievalModelWithInstructions_GetsItsQueryAndDocumentPrefixes_AndAConfiguredPrefixWins()
    {
        await using var ollama = await FakeOllama.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Models:Embedding:0:Provider"] = "Ollama", ["Models:Embedding:0:Endpoint"] = ollama.Url.ToString(), ["Models:Embedding:0:Model"] = "nomic-embed-text:v1.5",
        };
        await using (var host = await TestHost.StartAsync(settings: settings))
        {
            await host.IngestAsync("a.md", Md("# Alpha\n\nThe quartz sensor."));
            await host.Get<VectorIndexSync>().SyncAsync();
            await host.Get<Retriever>().SearchAsync(new SearchRequest("quartz sensor"));
        }
        Assert.Contains(ollama.EmbedBatches, b => b.All(t => t.StartsWith("search_document: ", StringComparison.Ordinal)));
        Assert.Contains(ollama.EmbedBatches, b => b is ["search_query: quartz sensor"]);

        ollama.EmbedBatches.Clear();
        settings["Models:Embedding:0:QueryPrefix"] = "";
        await using (var host = await TestHost.StartAsync(settings: settings))
        {
            await host.IngestAsync("a.md", Md("# Alpha\n\nThe quartz sensor."));
            await host.Get<VectorIndexSync>().SyncAsync();
            await host.Get<Retriever>().SearchAsync(new SearchRequest("quartz sensor"));
        }
        Assert.Contains(ollama.EmbedBatches, b => b is ["quartz sensor"]);
    }

    [Theory]
    [InlineData("all-MiniLM-L6-v2", "", "")]
    [InlineData("snowflake-arctic-embed-xs", "Represent this sentence for searching relevant passages: ", "")]
    [InlineData("mxbai-embed-large", "Represent this sentence for searching relevant passages: ", "")]
    [InlineData("multilingual-e5-large", "query: ", "passage: ")]
    [InlineData("bge-m3", "", "")]
    public void KnownModels_HaveTheirCardsPrefixes(string model, string query, string document)
    {
        var o = new EmbeddingModelOptions { Provider = "Ollama", Model = model };

        Assert.Equal((query, document), (EmbeddingPrompts.Query(o), EmbeddingPrompts.Document(o)));
    }

    [Fact]
    public async Task VectorSync_FollowsDeletes()
    {
        await using var ollama = await FakeOllama.StartAsync();
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Models:Embedding:0:Provider"] = "Ollama", ["Models:Embedding:0:Endpoint"] = ollama.Url.ToString(), ["Models:Embedding:0:Model"] = "m1",
        });
        var doc = await host.IngestAsync("a.md", Md("# A\n\nOne.\n\n## B\n\nTwo."));
        Assert.Equal((2, 0), await host.Get<VectorIndexSync>().SyncAsync());

        await host.Get<KnowledgeUploads>().DeleteAsync(doc.Id);

        Assert.Equal((0, 2), await host.Get<VectorIndexSync>().SyncAsync());
        Assert.Equal(0, host.Get<EmbeddedVectorIndex>().Count);
    }

    [Fact]
    public async Task VectorSync_ComparesIdsOnlyWhenTheStoredSetChanged_AndSeesASwapOfEqualSize()
    {
        await using var ollama = await FakeOllama.StartAsync();
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Models:Embedding:0:Provider"] = "Ollama", ["Models:Embedding:0:Endpoint"] = ollama.Url.ToString(), ["Models:Embedding:0:Model"] = "m1",
        });
        var (sync, index) = (host.Get<VectorIndexSync>(), host.Get<EmbeddedVectorIndex>());
        var doc = await host.IngestAsync("a.md", Md("# A\n\nOne.\n\n## B\n\nTwo."));
        Assert.Equal((2, 0), await sync.SyncAsync());

        // Nothing stored changed: the pass stops at the count and sum and does not even notice an index it did not fill.
        index.Remove([index.ChunkIds().First()]);
        Assert.Equal((0, 0), await sync.SyncAsync());

        // The same number of vectors, other chunks (a document replaced by one of equal size): compared and followed.
        await host.Get<KnowledgeUploads>().DeleteAsync(doc.Id);
        await host.IngestAsync("b.md", Md("# C\n\nThree.\n\n## D\n\nFour."));
        Assert.Equal((2, 1), await sync.SyncAsync());
        await using var db = host.Db();
        Assert.Equal((await db.ChunkEmbeddings.Select(e => e.ChunkId).ToListAsync()).Order(), index.ChunkIds().Order());
    }

    [Theory]
    [InlineData("Rrf", new[] { 2, 1, 3 })]
    [InlineData("Weighted", new[] { 1, 2, 3 })]
    public void Fuse_CombinesBothRankings(string fusion, int[] expected)
    {
        // Chunk 1 is lexically far ahead; chunk 2 is second lexically but first densely.
        var lexical = new List<LexicalHit> { new(1, 10.0), new(2, 1.0) };
        var dense = new List<(int, float)> { (2, 0.9f), (3, 0.8f) };

        var fused = Retriever.Fuse(lexical, dense, new RetrievalOptions { Fusion = fusion, DenseWeight = 0.4 });

        Assert.Equal(expected, fused.Select(f => f.ChunkId));
    }
}
