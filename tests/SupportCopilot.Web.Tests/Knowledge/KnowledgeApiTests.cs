using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Web.Tests.Knowledge;

[Collection(AppCollection.Name)]
public class KnowledgeApiTests(AppFactory app)
{
    private static MultipartFormDataContent Form(string fileName, byte[] bytes, string? tags = null, string field = "file")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, fileName);
        if (tags is not null) form.Add(new StringContent(tags), "tags");
        return form;
    }

    private static byte[] Md(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Polls the document for up to 5 s; returns its last state either way.</summary>
    private async Task<JsonElement> WaitForStatusAsync(int id, string status)
    {
        var doc = await app.ApiClient().GetFromJsonAsync<JsonElement>($"/api/knowledge/documents/{id}");
        for (var i = 0; i < 50 && doc.GetProperty("status").GetString() != status; i++)
        {
            await Task.Delay(100);
            doc = await app.ApiClient().GetFromJsonAsync<JsonElement>($"/api/knowledge/documents/{id}");
        }
        return doc;
    }

    [Fact]
    public async Task Upload_Returns202_ThenTheDocumentBecomesReadyWithChunks()
    {
        var client = app.ApiClient();
        var response = await client.PostAsync("/api/knowledge/documents", Form("api-guide.md", Md("# API guide\n\nThe quartz widget needs calibration monthly."), "api en"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Pending", accepted.GetProperty("status").GetString());
        var id = accepted.GetProperty("id").GetInt32();
        Assert.Equal($"/api/knowledge/documents/{id}", response.Headers.Location?.OriginalString);

        var doc = await WaitForStatusAsync(id, "Ready"); // the web app's background worker processes it
        Assert.Equal(("Ready", "api-guide.md", 1, "api en"),
            (doc.GetProperty("status").GetString(), doc.GetProperty("fileName").GetString(), doc.GetProperty("chunks").GetInt32(), doc.GetProperty("tags").GetString()));
        var list = await client.GetFromJsonAsync<JsonElement[]>("/api/knowledge/documents");
        Assert.Contains(list!, d => d.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task Upload_SameBytesAgain_Returns200DuplicateWithoutNewWork()
    {
        var bytes = Md("# Dup\n\nExactly the same bytes " + Guid.NewGuid());
        var first = await (await app.ApiClient().PostAsync("/api/knowledge/documents", Form("dup-a.md", bytes))).Content.ReadFromJsonAsync<JsonElement>();

        var again = await app.ApiClient().PostAsync("/api/knowledge/documents", Form("dup-b.md", bytes));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((first.GetProperty("id").GetInt32(), true), (body.GetProperty("id").GetInt32(), body.GetProperty("duplicate").GetBoolean()));
    }

    [Fact]
    public async Task Upload_CorruptPdf_IsAcceptedThenFailsWithReadableError()
    {
        var response = await app.ApiClient().PostAsync("/api/knowledge/documents", Form("broken-api.pdf", "%PDF-1.4 not really"u8.ToArray()));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var doc = await WaitForStatusAsync(id, "Failed");
        Assert.Equal("Failed", doc.GetProperty("status").GetString());
        Assert.Contains("could not be read", doc.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("photo.png", new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2 }, HttpStatusCode.UnsupportedMediaType)]
    [InlineData("empty.md", new byte[0], HttpStatusCode.UnsupportedMediaType)]
    public async Task Upload_RefusedType_IsAnErrorAndStoresNothing(string name, byte[] bytes, HttpStatusCode expected)
    {
        var before = (await app.Get<KnowledgeCatalog>().ListAsync()).Count;
        var response = await app.ApiClient().PostAsync("/api/knowledge/documents", Form(name, bytes));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await app.Get<KnowledgeCatalog>().ListAsync()).Count);
    }

    [Fact]
    public async Task Upload_WithoutFileField_Is400NamingTheField()
    {
        var response = await app.ApiClient().PostAsync("/api/knowledge/documents", Form("a.md", Md("# A\n\nB"), field: "document"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("file", out _));
    }

    [Theory]
    [InlineData("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello")] // no boundary parameter
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello wor")] // cut short
    public async Task Upload_MalformedMultipart_Is400Problem(string contentType, string body)
    {
        var content = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await app.ApiClient().PostAsync("/api/knowledge/documents", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Upload_AsJson_Is415()
    {
        var response = await app.ApiClient().PostAsJsonAsync("/api/knowledge/documents", new { file = "x" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Api_WithoutKey_Is401_KeyWithoutScope_Is403_AdminCookie_Is401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiClient(key: null).GetAsync("/api/knowledge/documents")).StatusCode);
        var (_, ticketsOnly) = await app.Get<ApiKeyService>().CreateAsync("tickets-only", [ApiScopes.TicketsWrite]);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ApiClient(ticketsOnly).PostAsync("/api/knowledge/documents", Form("x.md", Md("# X\n\nY")))).StatusCode);
        // Multipart can be posted cross-site, so this endpoint ignores cookies altogether.
        var admin = await app.SignedInClientAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.PostAsync("/api/knowledge/documents", Form("x.md", Md("# X\n\nY")))).StatusCode);
    }

    [Fact]
    public async Task Delete_Returns204_ThenTheDocumentIsGone()
    {
        var response = await app.ApiClient().PostAsync("/api/knowledge/documents", Form("to-delete.md", Md("# Delete me\n\nZebra crossing " + Guid.NewGuid())));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.NoContent, (await app.ApiClient().DeleteAsync($"/api/knowledge/documents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ApiClient().GetAsync($"/api/knowledge/documents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ApiClient().DeleteAsync($"/api/knowledge/documents/{id}")).StatusCode);
    }
}
