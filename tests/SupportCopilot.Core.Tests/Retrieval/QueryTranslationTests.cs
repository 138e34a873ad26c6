using System.Text;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Retrieval;

/// <summary>Issue 16.5: a customer writing in another language than the knowledge base.</summary>
public class QueryTranslationTests
{
    private const string EnglishGuide = "# Purifier guide\n\n## Resetting the filter indicator\n\nAfter you replace the filter, hold the Filter button for five seconds until the light goes out.\n\n" +
        "## Night mode\n\nPress the moon button to dim the display and slow the fan for the night.";
    private const string German = "Wie kann ich die Filteranzeige nach dem Wechsel zurücksetzen? Die Lampe leuchtet immer noch. Antwort bitte an anna.keller@example.com";

    private static Dictionary<string, string?> Chat(FakeOllama ollama) => new()
    {
        ["Models:Chat:0:Provider"] = "Ollama", ["Models:Chat:0:Endpoint"] = ollama.Url.ToString(), ["Models:Chat:0:Model"] = "qwen2.5",
        ["Models:Embedding:0:Provider"] = "None",
    };

    [Fact]
    public async Task AGermanQuery_AgainstAnEnglishKnowledgeBase_IsTranslatedByTheModel_AndFindsTheEnglishSection()
    {
        await using var ollama = await FakeOllama.StartAsync();
        ollama.ChatReply = _ => "How can I reset the filter indicator after replacing it? The light is still on.";
        await using var host = await TestHost.StartAsync(settings: Chat(ollama));
        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes(EnglishGuide));

        var result = await host.Get<Retriever>().SearchAsync(new SearchRequest(German, 3));

        Assert.Equal("Purifier guide > Resetting the filter indicator", result.Hits[0].HeadingPath);
        Assert.Equal(("lexical+translated", "How can I reset the filter indicator after replacing it? The light is still on."), (result.Mode, result.TranslatedQuery));
        Assert.True(result.Confidence >= 0.5, $"confidence {result.Confidence}: the translated terms count");
        var request = Assert.Single(ollama.ChatRequests);
        Assert.Contains("into English", request["messages"]![0]!["content"]!.GetValue<string>());
        // the model gets the question with the customer's address replaced, as drafting does
        Assert.Contains("<text>\n" + German.Replace("anna.keller@example.com", "[EMAIL_1]") + "\n</text>", request["messages"]![1]!["content"]!.GetValue<string>());
        await using var db = host.Db();
        Assert.Equal("en", (await db.Documents.SingleAsync()).Language); // detected at ingestion

        await host.Get<Retriever>().SearchAsync(new SearchRequest(German, 3));
        Assert.Single(ollama.ChatRequests); // the same query again: translated once
    }

    [Fact]
    public async Task DocumentsIndexedBeforeLanguagesWereDetected_GetTheirsFromTheirChunks()
    {
        await using var ollama = await FakeOllama.StartAsync();
        ollama.ChatReply = _ => "How can I reset the filter indicator?";
        await using var host = await TestHost.StartAsync(settings: Chat(ollama));
        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes(EnglishGuide));
        await using (var db = host.Db()) await db.Documents.ExecuteUpdateAsync(s => s.SetProperty(d => d.Language, (string?)null));

        var result = await host.Get<Retriever>().SearchAsync(new SearchRequest(German, 3));

        Assert.Equal("How can I reset the filter indicator?", result.TranslatedQuery);
        await using var check = host.Db();
        Assert.Equal("en", (await check.Documents.SingleAsync()).Language);
    }

    [Fact]
    public async Task AQueryInTheKnowledgeBasesLanguage_SearchesTheOriginalOnly_NoModelOrAModelDown_SearchesTheGlossarysWordsToo()
    {
        await using var ollama = await FakeOllama.StartAsync();
        await using (var host = await TestHost.StartAsync(settings: Chat(ollama)))
        {
            await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes(EnglishGuide));
            var english = await host.Get<Retriever>().SearchAsync(new SearchRequest("How do I reset the filter indicator?", 3));
            Assert.Equal(("lexical", null), (english.Mode, english.TranslatedQuery));
            Assert.Empty(ollama.ChatRequests);

            ollama.ChatStatus = 500;
            var down = await host.Get<Retriever>().SearchAsync(new SearchRequest(German, 3));
            Assert.Equal(("lexical+translated", "filter display change replace reset"), (down.Mode, down.TranslatedQuery));
        }

        await using var noModel = await TestHost.StartAsync(settings: new() { ["Models:Embedding:0:Provider"] = "None" });
        await noModel.IngestAsync("guide.md", Encoding.UTF8.GetBytes(EnglishGuide));
        var result = await noModel.Get<Retriever>().SearchAsync(new SearchRequest(German, 3));
        Assert.Equal("filter display change replace reset", result.TranslatedQuery);
        Assert.Equal("Purifier guide > Resetting the filter indicator", result.Hits[0].HeadingPath);

        await using var off = await TestHost.StartAsync(settings: new() { ["Models:Embedding:0:Provider"] = "None", ["Search:TranslateQueries"] = "false" });
        await off.IngestAsync("guide.md", Encoding.UTF8.GetBytes(EnglishGuide));
        Assert.Null((await off.Get<Retriever>().SearchAsync(new SearchRequest(German, 3))).TranslatedQuery);
    }

    [Fact]
    public async Task AKnowledgeBaseWithAGermanDocument_AnswersGermanQueriesWithoutTranslating()
    {
        await using var ollama = await FakeOllama.StartAsync();
        await using var host = await TestHost.StartAsync(settings: Chat(ollama));
        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes(EnglishGuide));
        await host.IngestAsync("anleitung.md", Encoding.UTF8.GetBytes("# Anleitung\n\n## Filteranzeige zurücksetzen\n\nHalten Sie die Filtertaste fünf Sekunden lang gedrückt, bis die Lampe erlischt. Das ist nicht schwer und geht mit einer Hand."));

        var result = await host.Get<Retriever>().SearchAsync(new SearchRequest(German, 3));

        await using var db = host.Db();
        Assert.Equal(["de", "en"], (await db.Documents.Select(d => d.Language).ToListAsync()).Order());
        Assert.Null(result.TranslatedQuery);
        Assert.Empty(ollama.ChatRequests);
    }

    /// <summary>The setup README recommends for multilingual teams: a multilingual embedding model (bge-m3 through
    /// Ollama) puts a German question and an English passage close together. The fake returns concept vectors, so
    /// the path (not the model's quality) is what is tested: no shared word, found by the embedding alone.</summary>
    [Fact]
    public async Task AMultilingualEmbeddingModel_FindsAnEnglishPassageForAGermanQuestion_WithNoWordInCommon()
    {
        string[][] concepts = [["filter", "filteranzeige", "indicator"], ["reset", "resetting", "zurücksetzen"], ["night", "nacht", "moon"], ["replace", "wechsel"]];
        await using var ollama = await FakeOllama.StartAsync();
        ollama.Embedder = text => concepts.Select(c => (float)c.Count(w => text.Contains(w, StringComparison.OrdinalIgnoreCase))).Append(0.1f).ToArray();
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Models:Embedding:0:Provider"] = "Ollama", ["Models:Embedding:0:Endpoint"] = ollama.Url.ToString(), ["Models:Embedding:0:Model"] = "bge-m3",
            ["Search:TranslateQueries"] = "false", // the glossary would find "filter" and "reset": the embedding alone is tested
        });
        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes(EnglishGuide));
        await host.Get<VectorIndexSync>().SyncAsync();

        var result = await host.Get<Retriever>().SearchAsync(new SearchRequest("Filteranzeige zurücksetzen nach dem Wechsel", 3));

        Assert.Equal("dense", result.Mode); // no query word is in the guide
        Assert.Equal("Purifier guide > Resetting the filter indicator", result.Hits[0].HeadingPath);
    }
}
