using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportCopilot.Core.Dashboard;
using SupportCopilot.Core.Security;
using SupportCopilot.Web.Dashboard;

namespace SupportCopilot.Web.Tests.Dashboard;

[Collection(AppCollection.Name)]
public class DashboardApiTests(AppFactory app)
{
    [Fact]
    public async Task Summary_WithMetricsKey_ReturnsTheSameNumbersAsTheService()
    {
        var (_, key) = await app.Get<SupportCopilot.Core.Security.ApiKeyService>().CreateAsync("bi", [ApiScopes.MetricsRead]);
        var to = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = to.AddDays(-60);

        var json = await app.ApiClient(key).GetFromJsonAsync<JsonElement>($"/api/dashboard/summary?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");

        var m = await app.Get<DashboardService>().MetricsAsync(new DashboardQuery(from, to, TimeZoneInfo.Utc, new MetricFilter()));
        Assert.True(m.Tickets > 64); // the seeded history is in range
        Assert.Equal(m.Tickets, json.GetProperty("tickets").GetInt32());
        Assert.Equal(m.Replied, json.GetProperty("replied").GetInt32());
        Assert.Equal(m.DraftsShown, json.GetProperty("draftsShown").GetInt32());
        Assert.Equal(m.DeflectionRate, json.GetProperty("deflectionRate").GetDouble());
        Assert.Equal(m.HoursSaved, json.GetProperty("hoursSaved").GetDouble());
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-02-01&to=2026-01-01", "from")]
    [InlineData("from=2020-01-01&to=2026-01-01", "to")]
    [InlineData("tz=Mars/Olympus", "tz")]
    public async Task Summary_BadQuery_Is400WithTheField(string query, string field)
    {
        var (_, key) = await app.Get<SupportCopilot.Core.Security.ApiKeyService>().CreateAsync("bi-bad", [ApiScopes.MetricsRead]);
        var response = await app.ApiClient(key).GetAsync($"/api/dashboard/summary?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Summary_KeyWithoutMetricsScope_AndAgents_AreRefused()
    {
        var (_, ticketsOnly) = await app.Get<SupportCopilot.Core.Security.ApiKeyService>().CreateAsync("tickets-only", [ApiScopes.TicketsRead]);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ApiClient(ticketsOnly).GetAsync("/api/dashboard/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiClient(null).GetAsync("/api/dashboard/summary")).StatusCode);
        var agent = await app.SignedInClientAsync("agent@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/dashboard/summary")).StatusCode);
        var manager = await app.SignedInClientAsync("manager@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/dashboard/summary")).StatusCode);
    }

    [Fact]
    public async Task CsvExport_ForAnAgent_Is403_ForAnonymous401()
    {
        // Issue 21.15: answered 404 (a redirect to the access-denied page, not an answer for a download).
        using var agent = await app.SignedInClientAsync("agent@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/dashboard/export/summary.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiClient(key: null).GetAsync("/dashboard/export/summary.csv")).StatusCode);
    }

    [Fact]
    public async Task CsvExport_EveryTable_IsCsvWithAHeader_AndFormulaCellsAreDefused()
    {
        var manager = await app.SignedInClientAsync("manager@demo.local");
        foreach (var table in new[] { "summary", "days", "categories", "models", "prompts", "agents", "rejections", "gaps", "documents" })
        {
            var response = await manager.GetAsync($"/dashboard/export/{table}.csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains(",", (await response.Content.ReadAsStringAsync()).Split('\n')[0]);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/dashboard/export/nope.csv")).StatusCode);
        // agents by name as well as id (it listed ids only)
        Assert.StartsWith("agent_id,agent_name,decided,approved,rejected,acceptance_rate", await manager.GetStringAsync("/dashboard/export/agents.csv"));
        Assert.Equal("'=HYPERLINK(\"x\")", DashboardApi.Cell("=HYPERLINK(\"x\")").Trim('"').Replace("\"\"", "\""));
        Assert.Equal("\"a,b\"", DashboardApi.Cell("a,b"));
    }
}
