using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Web.Tests.Tickets;

[Collection(AppCollection.Name)]
public class TicketsApiTests(AppFactory app)
{
    private static readonly object ValidTicket = new { subject = "Filter light stays red", body = "I replaced the filter but the light is still red.", customerEmail = "jo@example.com" };

    [Fact]
    public async Task Post_WithKey_Returns201AndTheTicketCanBeRead()
    {
        var client = app.ApiClient();

        var response = await client.PostAsJsonAsync("/api/tickets", new { subject = "Wi-Fi pairing fails", body = "The app cannot find my purifier.",
            customerEmail = "kim@example.com", customerName = "Kim Lee", externalId = "HD-42", channel = "email" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal($"/api/tickets/{id}", response.Headers.Location?.OriginalString);

        var ticket = await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
        Assert.Equal("Wi-Fi pairing fails", ticket.GetProperty("subject").GetString());
        Assert.Equal("Email", ticket.GetProperty("channel").GetString());
        Assert.Equal("HD-42", ticket.GetProperty("externalId").GetString());
        var message = Assert.Single(ticket.GetProperty("messages").EnumerateArray());
        Assert.Equal("The app cannot find my purifier.", message.GetProperty("body").GetString());
        Assert.Equal(JsonValueKind.Array, ticket.GetProperty("drafts").ValueKind);
    }

    [Fact]
    public async Task PostMessage_FollowUp_Is201_ReopensTheTicket_AndItsDraftAnswersIt()
    {
        var client = app.ApiClient();
        var created = await (await client.PostAsJsonAsync("/api/tickets", ValidTicket)).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();

        var response = await client.PostAsJsonAsync($"/api/tickets/{id}/messages", new { body = "It is still red after a restart.", messageId = "<m2@example.com>" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var messageId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetInt32();
        await app.Get<DraftingService>().EnsureDraftAsync(id);
        var ticket = await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
        Assert.Equal("Open", ticket.GetProperty("status").GetString());
        Assert.Equal("It is still red after a restart.", ticket.GetProperty("messages").EnumerateArray().Last().GetProperty("body").GetString());
        Assert.Equal(messageId, ticket.GetProperty("drafts")[0].GetProperty("answersMessageId").GetInt32());
    }

    [Fact]
    public async Task Import_WithAnswers_RemembersThem_AndRefusesRowsByNumber()
    {
        var client = app.ApiClient();
        var rows = """
            {"subject":"Import test: fan rattles","body":"The fan of my purifier rattles at speed 3.","answer":"Tighten the four screws of the fan grille.","labels":{"queue":"Technical Support"}}
            {"subject":"Import test: no body","answer":"An answer to nothing."}
            """;

        var response = await client.PostAsync("/api/tickets/import", new StringContent(rows, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 1), (report.GetProperty("imported").GetInt32(), report.GetProperty("answers").GetInt32()));
        Assert.Equal(2, Assert.Single(report.GetProperty("rejected").EnumerateArray()).GetProperty("row").GetInt32());
        await using var db = app.Db();
        Assert.True(await db.ReplyMemories.AnyAsync(m => m.ReplyText == "Tighten the four screws of the fan grille."));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("[]")] // no tickets: not a successful import of nothing
    public async Task Import_UnreadableBody_Is400_AndWithoutKey401(string body)
    {
        var response = await app.ApiClient().PostAsync("/api/tickets/import", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiClient(key: null).PostAsync("/api/tickets/import", new StringContent("[]"))).StatusCode);
    }

    [Theory]
    [InlineData(999_999, "{\"body\": \"hello\"}", HttpStatusCode.NotFound)]
    [InlineData(0, "{\"body\": \"  \"}", HttpStatusCode.BadRequest)]
    [InlineData(0, "{\"text\": \"hello\"}", HttpStatusCode.BadRequest)]
    [InlineData(0, "{\"body\": 5}", HttpStatusCode.BadRequest)]
    public async Task PostMessage_BadInput_IsRefusedAndStoresNothing(int ticketId, string json, HttpStatusCode expected)
    {
        var client = app.ApiClient();
        if (ticketId == 0) ticketId = (await (await client.PostAsJsonAsync("/api/tickets", ValidTicket)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var response = await client.PostAsync($"/api/tickets/{ticketId}/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        await using var db = app.Db();
        Assert.True(await db.TicketMessages.CountAsync(m => m.TicketId == ticketId) <= 1);
    }

    [Fact]
    public async Task PostMessage_TooLong_Is400_WithoutKey401()
    {
        var client = app.ApiClient();
        var id = (await (await client.PostAsJsonAsync("/api/tickets", ValidTicket)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/tickets/{id}/messages", new { body = new string('x', 100_001) })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiClient(key: null).PostAsJsonAsync($"/api/tickets/{id}/messages", new { body = "hi" })).StatusCode);
    }

    [Theory]
    [InlineData("/api/tickets/abc")]
    [InlineData("/api/tickets/1.5")]
    [InlineData("/api/no-such-thing")]
    public async Task Get_AnAddressThatIsNoApi_Is404Problem_NotA401(string path)
    {
        // Issue 21.15: a non-numeric id with a valid key answered 401 (the cookie fallback policy ran instead).
        var response = await app.ApiClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_AfterDrafting_IncludesTheCitedDraft()
    {
        var response = await app.ApiClient().PostAsJsonAsync("/api/tickets", ValidTicket);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await app.Get<SupportCopilot.Core.Triage.TriageService>().TriageTicketAsync(id);
        await app.Get<DraftingService>().EnsureDraftAsync(id);

        var ticket = await app.ApiClient().GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");

        var triage = ticket.GetProperty("triage");
        foreach (var p in new[] { "categoryConfidence", "sentiment", "needsHuman", "engine" }) Assert.True(triage.TryGetProperty(p, out _), p);
        Assert.Equal("General", ticket.GetProperty("queue").GetString());
        var draft = ticket.GetProperty("drafts")[0];
        Assert.Equal("Extractive", draft.GetProperty("kind").GetString());
        Assert.Equal("Proposed", draft.GetProperty("status").GetString());
        Assert.True(draft.GetProperty("citations").GetArrayLength() >= 1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sc_not-a-real-key")]
    public async Task Post_MissingOrWrongKey_Is401ProblemAndStoresNothing(string? key)
    {
        var before = await TicketCountAsync();

        var response = await app.ApiClient(key).PostAsJsonAsync("/api/tickets", ValidTicket);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await TicketCountAsync());
    }

    [Fact]
    public async Task Post_KeyWithoutScope_Is403Problem()
    {
        var (_, readOnly) = await app.Get<ApiKeyService>().CreateAsync("reader", [ApiScopes.TicketsRead]);
        var before = await TicketCountAsync();

        var response = await app.ApiClient(readOnly).PostAsJsonAsync("/api/tickets", ValidTicket);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await TicketCountAsync());
    }

    [Fact]
    public async Task Get_KeyWithOnlyWriteScope_Is403()
    {
        var (_, writeOnly) = await app.Get<ApiKeyService>().CreateAsync("writer", [ApiScopes.TicketsWrite]);
        var response = await app.ApiClient(writeOnly).GetAsync("/api/tickets/1");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"subject\": \"x\", ", "$")]                                                    // truncated
    [InlineData("{\"subject\": 42, \"body\": \"b\", \"customerEmail\": \"a@example.com\"}", "subject")] // wrong type
    [InlineData("[1,2,3]", "$")]                                                                    // not an object
    public async Task Post_MalformedJson_Is400WithFieldErrorAndStoresNothing(string json, string field)
    {
        var before = await TicketCountAsync();

        var response = await app.ApiClient().PostAsync("/api/tickets", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await TicketCountAsync());
    }

    [Fact]
    public async Task Post_IncompleteTicket_Is400NamingEachField()
    {
        var response = await app.ApiClient().PostAsJsonAsync("/api/tickets", new { subject = "", customerEmail = "not-an-address" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["body", "customerEmail", "subject"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Post_NotJson_Is415()
    {
        var response = await app.ApiClient().PostAsync("/api/tickets", new StringContent("subject=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_OversizedBody_Is413AndStoresNothing()
    {
        var before = await TicketCountAsync();
        var huge = JsonSerializer.Serialize(new { subject = "s", body = new string('x', 2 * 1024 * 1024), customerEmail = "a@example.com" });

        var response = await app.ApiClient().PostAsync("/api/tickets", new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await TicketCountAsync());
    }

    [Fact]
    public async Task Get_UnknownTicket_Is404Problem()
    {
        var response = await app.ApiClient().GetAsync("/api/tickets/999999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_BySignedInAgent_IsAllowedWithoutKey()
    {
        var client = await app.SignedInClientAsync("agent@demo.local");
        var response = await client.PostAsJsonAsync("/api/tickets", ValidTicket);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Post_BySignedInManager_Is403()
    {
        var client = await app.SignedInClientAsync("manager@demo.local");
        var response = await client.PostAsJsonAsync("/api/tickets", ValidTicket);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<int> TicketCountAsync()
    {
        await using var db = app.Db();
        return await db.Tickets.CountAsync();
    }
}
