using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Events;
using SupportCopilot.Core.Knowledge;

namespace SupportCopilot.Worker.Tests;

/// <summary>
/// The scale-out shape for real: one web process (API and UI only) and two worker processes on one database. Work that
/// arrives through the web API is done by the workers, each piece exactly once.
/// </summary>
public class ScaleOutTests
{
    private const string Key = "scale-out-bootstrap-key-0123456789";

    [Fact]
    public async Task OneWebTwoWorkers_ShareTheJobs_WithoutDuplicates()
    {
        await using var h = await WorkerHarness.StartAsync();
        var port = FreePort();
        h.StartWeb(port, ("Security__BootstrapApiKey", Key));
        h.StartWorker(("Worker__HeartbeatFile", Path.Combine(h.DataDirectory, "w1.alive")));
        h.StartWorker(("Worker__HeartbeatFile", Path.Combine(h.DataDirectory, "w2.alive")));
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        api.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await WaitForWebAsync(api);

        for (var i = 0; i < 4; i++)
        {
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes($"# Guide {i}\n\n## Filter\n\nReplace filter model F{i} every {i + 3} months.")), "file", $"guide-{i}.md");
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync("/api/knowledge/documents", form)).StatusCode); // queued for the workers
        }
        Assert.True(await h.WaitUntilAsync(db => db.Documents.AllAsync(d => d.Status == DocumentStatus.Ready), TimeSpan.FromSeconds(60)), "documents not ingested");
        var ids = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            var created = await api.PostAsJsonAsync("/api/tickets", new { subject = $"Filter F{i % 4}", body = $"How often do I replace filter F{i % 4}?", customerEmail = $"c{i}@example.com" });
            created.EnsureSuccessStatusCode();
            ids.Add((await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32());
        }

        Assert.True(await h.WaitUntilAsync(db => db.Drafts.Select(d => d.TicketId).Distinct().CountAsync().ContinueWith(t => t.Result == ids.Count), TimeSpan.FromSeconds(90)),
            "not every ticket was triaged and drafted");
        await Task.Delay(2000); // a duplicate, if the workers raced, would have landed by now

        await using var check = h.Db();
        Assert.All(ids, id => Assert.Equal(1, check.Drafts.Count(d => d.TicketId == id)));
        Assert.All(ids, id => Assert.Equal(1, check.Triages.Count(t => t.TicketId == id)));
        Assert.All(ids, id => Assert.Equal(1, check.TicketEvents.Count(e => e.TicketId == id && e.Type == TicketEventType.DraftGenerated)));
        Assert.Equal(4, await check.Documents.CountAsync());
        Assert.Equal(await check.Chunks.CountAsync(), await check.Chunks.Select(c => new { c.DocumentId, c.Ordinal }).Distinct().CountAsync());
    }

    private static async Task WaitForWebAsync(HttpClient api)
    {
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await api.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(500);
        }
        throw new TimeoutException("The web process did not become ready.");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
