using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Memory;
using SupportCopilot.Core.Tests.Retrieval.Qdrant;

namespace SupportCopilot.Core.Tests.Memory;

/// <summary>Search:Provider = Qdrant: reply memory is mirrored into its own collection, searched there, and erased from it.</summary>
public class QdrantMemoryTests
{
    [Fact]
    public async Task Entries_AreMirrored_SearchedInQdrant_AndErasedFromIt()
    {
        await using var ollama = await FakeOllama.StartAsync();
        await using var qdrant = await FakeQdrant.StartAsync();
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Models:Embedding:0:Provider"] = "Ollama", ["Models:Embedding:0:Endpoint"] = ollama.Url.ToString(), ["Models:Embedding:0:Model"] = "nomic-embed-text",
            ["Search:Provider"] = "Qdrant", ["Search:Qdrant:Url"] = qdrant.Url.ToString(), ["Search:Qdrant:Collection"] = "kb",
        });
        var agent = await host.CreateUserAsync("agent@x.test", SupportCopilot.Core.Security.Roles.Agent);
        var (ticket, draft) = await Fixtures.TicketWithDraftAsync(host);
        await host.Get<SupportCopilot.Core.Approval.ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, "Hi Dana, open the back cover and pull the filter out.", agent);

        await host.Get<MemoryIndexer>().RunOnceAsync();

        Assert.Equal(1, qdrant.PointCount("kb-memory"));
        var queriesBefore = qdrant.Requests.Count(r => r.Contains("kb-memory/points/query"));
        var hit = Assert.Single(await host.Get<ReplyMemories>().SearchAsync("How do I replace the filter in my purifier?"));
        Assert.Equal(ticket.Id, hit.TicketId);
        Assert.Equal(queriesBefore + 1, qdrant.Requests.Count(r => r.Contains("kb-memory/points/query")));

        await host.Get<CustomerErasure>().EraseAsync("dana@example.com", new Actor(agent, "admin"));
        await host.Get<MemoryIndexer>().RunOnceAsync();

        Assert.Equal(0, qdrant.PointCount("kb-memory"));
        Assert.Empty(await host.Get<ReplyMemories>().SearchAsync("How do I replace the filter in my purifier?"));
        Assert.Empty(qdrant.SpecViolations);
    }
}
