using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Web.Tests.Retrieval;

[Collection(AppCollection.Name)]
public class SearchApiTests(AppFactory app)
{
    [Fact]
    public async Task Search_WithKey_ReturnsHitsWithPageAndHeading()
    {
        var response = await app.ApiClient().PostAsJsonAsync("/api/search", new { query = "error E2 filter not seated", top = 3 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hits = await response.Content.ReadFromJsonAsync<JsonElement[]>();
        Assert.InRange(hits!.Length, 1, 3);
        Assert.Equal("troubleshooting-guide.pdf", hits[0].GetProperty("fileName").GetString());
        Assert.Equal(3, hits[0].GetProperty("page").GetInt32());
        Assert.Contains("Error E2", hits[0].GetProperty("headingPath").GetString());
        Assert.Equal("hybrid", response.Headers.GetValues("X-Retrieval-Mode").Single()); // the app's default: BM25 plus the in-process embedding model
        foreach (var p in new[] { "documentId", "chunkId", "score", "text" }) Assert.True(hits[0].TryGetProperty(p, out _), p);
    }

    [Fact]
    public async Task Search_WithTagFilter_OnlyTaggedDocuments()
    {
        var hits = await (await app.ApiClient().PostAsJsonAsync("/api/search", new { query = "filter", filters = new { tags = new[] { "no-such-tag" } } }))
            .Content.ReadFromJsonAsync<JsonElement[]>();
        Assert.Empty(hits!);
        var sample = await (await app.ApiClient().PostAsJsonAsync("/api/search", new { query = "filter", filters = new { tags = new[] { "sample" } } }))
            .Content.ReadFromJsonAsync<JsonElement[]>();
        Assert.NotEmpty(sample!);
    }

    [Theory]
    [InlineData("{}", "query")]
    [InlineData("{\"query\": \"   \"}", "query")]
    [InlineData("{\"query\": \"filter\", \"top\": 0}", "top")]
    [InlineData("{\"query\": \"filter\", \"top\": 500}", "top")]
    [InlineData("{\"query\": \"filter\", \"filters\": {\"product\": \"x\"}}", "filters.product")]
    [InlineData("{\"query\": 5}", "query")]
    [InlineData("{\"query\": \"x\"", "$")]
    [InlineData("{\"query\": \"filter\", \"filters\": {\"tags\": [null]}}", "filters.tags")]
    public async Task Search_BadRequest_Is400NamingTheField(string json, string field)
    {
        var response = await app.ApiClient().PostAsync("/api/search", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
    }

    [Fact]
    public async Task Search_WithThousandsOfTags_Is400_AndTheProcessAnswersAfterwards()
    {
        // Issue 21.4: 2,000 tags overflowed the stack in EF's query compiler and killed the web process.
        var many = Enumerable.Range(0, 2000).Select(i => $"tag{i}").ToArray();
        var response = await app.ApiClient().PostAsJsonAsync("/api/search", new { query = "filter", filters = new { tags = many } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("filters.tags", out _));

        // The largest allowed filter is answered, and the process still serves.
        var allowed = many.Take(Core.Retrieval.SearchFilters.MaxTags).Append("sample").ToArray()[1..];
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient().PostAsJsonAsync("/api/search", new { query = "filter", filters = new { tags = allowed } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient().PostAsJsonAsync("/api/search", new { query = "filter" })).StatusCode);
    }

    [Fact]
    public async Task Search_WithManyTagsInTheRetriever_FiltersWithoutADeepQuery()
    {
        // The retriever itself (drafting calls it without the API's cap) must survive any number of tags.
        var tags = Enumerable.Range(0, 3000).Select(i => $"t{i}").Prepend("sample").ToList();
        var result = await app.Get<Core.Retrieval.Retriever>().SearchAsync(new Core.Retrieval.SearchRequest("filter", 5, new(tags)));
        Assert.Empty(result.Hits); // no document carries all of them
        var sample = await app.Get<Core.Retrieval.Retriever>().SearchAsync(new Core.Retrieval.SearchRequest("filter", 5, new(["sample", "SAMPLE "])));
        Assert.NotEmpty(sample.Hits);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("\" * NEAR - : ( )")]
    [InlineData("NEAR(filter sensor, 3) AND -filter*")]
    public async Task Search_OddQueries_AnswerWithoutError(string query)
    {
        var response = await app.ApiClient().PostAsJsonAsync("/api/search", new { query });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Search_TenThousandCharacters_Answers_LongerIs400()
    {
        var words = string.Concat(Enumerable.Repeat("filter sensor ", 800));
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient().PostAsJsonAsync("/api/search", new { query = words[..10_000] })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ApiClient().PostAsJsonAsync("/api/search", new { query = words + "x" })).StatusCode);
    }

    [Fact]
    public async Task Search_Auth_KeyScopeOrAgentRole()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiClient(key: null).PostAsJsonAsync("/api/search", new { query = "filter" })).StatusCode);
        var (_, ticketsOnly) = await app.Get<ApiKeyService>().CreateAsync("no-search", [ApiScopes.TicketsRead]);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ApiClient(ticketsOnly).PostAsJsonAsync("/api/search", new { query = "filter" })).StatusCode);
        var (_, search) = await app.Get<ApiKeyService>().CreateAsync("searcher", [ApiScopes.Search]);
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient(search).PostAsJsonAsync("/api/search", new { query = "filter" })).StatusCode);
        var agent = await app.SignedInClientAsync("agent@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync("/api/search", new { query = "filter" })).StatusCode);
        var manager = await app.SignedInClientAsync("manager@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/search", new { query = "filter" })).StatusCode);
    }
}
