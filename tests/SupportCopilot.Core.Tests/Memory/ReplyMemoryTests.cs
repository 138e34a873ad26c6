using System.Runtime.InteropServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Memory;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Tests.Memory;

/// <summary>Issue 15.2–15.4: approved replies become redacted memory, found for similar tickets, reused without a model, erasable.</summary>
public class ReplyMemoryTests
{
    private const string FirstReply = "Hi Anna,\n\nthe blender stops when the jar is not locked: turn the jar clockwise until it clicks, then hold " +
                                      "the pulse button for two seconds. I noted order 558812 and our direct line +49 30 9876 5432 for you.\n\nBest regards,\nAgent";

    private static async Task<(string Agent, Ticket Ticket)> ApprovedAsync(TestHost host, string email = "anna.berg@example.com", string name = "Anna Berg")
    {
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("Blender stops after a second",
            "My blender stops after one second every time I switch it on. Order 558812.", email, name));
        var draft = (await host.Get<DraftingService>().EnsureDraftAsync(ticket.Id))!;
        var result = await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, FirstReply, agent);
        Assert.Equal(ApprovalOutcome.Approved, result.Outcome);
        return (agent, ticket);
    }

    [Fact]
    public async Task Approval_WritesARedactedMemoryEntry_InTheSameTransaction()
    {
        await using var host = await TestHost.StartAsync();
        var (_, ticket) = await ApprovedAsync(host);

        await using var db = host.Db();
        var entry = await db.ReplyMemories.SingleAsync();
        var approval = await db.Approvals.SingleAsync();
        Assert.Equal((ticket.Id, approval.Id, MemorySource.Approved), (entry.TicketId, entry.ApprovalId, entry.Source));
        Assert.Contains("turn the jar clockwise", entry.ReplyText);
        foreach (var secret in new[] { "Anna", "558812", "9876", "anna.berg" })
        {
            Assert.DoesNotContain(secret, entry.ReplyText);
            Assert.DoesNotContain(secret, entry.CustomerText);
        }
        Assert.Contains("switch it on", entry.CustomerText); // the turn the reply answered
    }

    [Fact]
    public async Task SecondCustomer_GetsTheReusedReply_WithTheirOwnName_AndNothingOfTheFirstCustomer()
    {
        await using var host = await TestHost.StartAsync();
        await ApprovedAsync(host);

        var second = await host.Get<TicketService>().CreateAsync(new NewTicket("Blender stops after a second",
            "The blender stops after one second when I switch it on.", "lena@example.org", "Lena Fischer"));
        var draft = (await host.Get<DraftingService>().EnsureDraftAsync(second.Id))!;

        Assert.Equal(DraftKind.Memory, draft.Kind);
        Assert.StartsWith("Hi Lena Fischer,", draft.Text);
        Assert.Contains("turn the jar clockwise", draft.Text);
        foreach (var secret in new[] { "Anna", "Berg", "558812", "9876 5432", "anna.berg@example.com" }) Assert.DoesNotContain(secret, draft.Text);
        var used = Assert.Single(draft.MemoryList());
        Assert.NotEqual(second.Id, used.TicketId);
        // The placeholders left ([number], [phone]) must be filled before the reply can go out.
        var agent = (await host.Db().Users.FirstAsync()).Id;
        var refused = await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, draft.Text, agent);
        Assert.Equal(ApprovalOutcome.Invalid, refused.Outcome);
        Assert.Contains("placeholder", refused.Message);

        // Filled in, it goes out; the dashboard shows reused replies' acceptance apart from quoted passages.
        await host.Get<DraftingService>().MarkShownAsync(draft.Id);
        var sent = draft.Text.Replace("[number]", "771234").Replace("[phone]", "+49 30 5555 0000");
        Assert.Equal(ApprovalOutcome.Approved, (await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, sent, agent)).Outcome);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var metrics = await host.Get<SupportCopilot.Core.Dashboard.DashboardService>().MetricsAsync(
            new SupportCopilot.Core.Dashboard.DashboardQuery(today, today, TimeZoneInfo.Utc, new SupportCopilot.Core.Dashboard.MetricFilter()));
        var reused = Assert.Single(metrics.ByPromptVersion, s => s.Key == DraftingService.ReuseVersion);
        Assert.Equal((1, 1), (reused.Shown, reused.Approved));
    }

    [Fact]
    public async Task AReusedReplysPromises_AreUnbackedCommitments_ForTheNextCustomer()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var first = await host.Get<TicketService>().CreateAsync(new NewTicket("Kettle arrived dented", "My kettle arrived with a dent in the side.", "a@example.com", "Anna Berg"));
        var draft = (await host.Get<DraftingService>().EnsureDraftAsync(first.Id))!;
        await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, "Hi Anna, sorry about that: I have approved a full refund of 49.99 EUR.", agent);

        var second = await host.Get<TicketService>().CreateAsync(new NewTicket("Kettle arrived dented", "The kettle arrived with a dent in the side.", "b@example.com", "Ben Ode"));
        var reused = (await host.Get<DraftingService>().EnsureDraftAsync(second.Id))!;

        Assert.Equal(DraftKind.Memory, reused.Kind);
        Assert.NotEmpty(reused.CommitmentList()); // the refund was for Anna: approving it for Ben takes a deliberate confirmation
        Assert.Equal(ApprovalOutcome.NeedsConfirmation, (await host.Get<ApprovalService>().ApproveAsync(reused.Id, reused.ConcurrencyStamp, reused.Text, agent)).Outcome);
    }

    [Fact]
    public async Task SimilarSearch_FindsOtherTickets_NotTheOneBeingAnswered_AndNeverAnErasedOne()
    {
        await using var host = await TestHost.StartAsync();
        var (_, ticket) = await ApprovedAsync(host);
        var memory = host.Get<ReplyMemories>();

        Assert.Empty(await memory.SearchAsync("blender stops after one second", excludeTicketId: ticket.Id));
        var hit = Assert.Single(await memory.SearchAsync("blender stops after one second"));
        Assert.Equal(ticket.Id, hit.TicketId);
        Assert.InRange(hit.Similarity, 0.5, 1);

        await using (var db = host.Db()) await db.ReplyMemories.ExecuteDeleteAsync();
        Assert.Empty(await memory.SearchAsync("blender stops after one second"));
    }

    [Fact]
    public async Task Erase_RemovesTickets_Messages_Drafts_Outbox_MemoryAndItsFullTextRows_AndTheAuditKeepsIdsOnly()
    {
        await using var host = await TestHost.StartAsync();
        var (agent, ticket) = await ApprovedAsync(host, email: "Anna.Berg@Example.com");
        var other = await host.Get<TicketService>().CreateAsync(new NewTicket("Kettle", "My kettle leaks.", "someone@else.test"));
        await using (var db = host.Db())
            await db.Drafts.Where(d => d.TicketId == ticket.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.RejectNote, "Anna said her order 558812 is late"));
        await host.Get<AuditLog>().RecordAsync(new Actor(agent, "agent"), AuditActions.TicketViewed, $"ticket:{ticket.Id}", "Anna Berg called");

        var result = await host.Get<CustomerErasure>().EraseAsync("anna.berg@example.com", new Actor(agent, "admin"));

        Assert.Equal((1, 1, 1), (result.Tickets, result.MemoryEntries, result.OutboxMessages));
        await using var check = host.Db();
        Assert.False(await check.Tickets.AnyAsync(t => t.Id == ticket.Id));
        Assert.True(await check.Tickets.AnyAsync(t => t.Id == other.Id));
        Assert.Equal(0, await check.TicketMessages.CountAsync(m => m.TicketId == ticket.Id));
        Assert.Equal(0, await check.Drafts.CountAsync(d => d.TicketId == ticket.Id));
        Assert.Equal(0, await check.Outbox.CountAsync());
        Assert.Equal(0, await check.ReplyMemories.CountAsync());
        Assert.Equal(0, await check.Database.SqlQueryRaw<int>("SELECT count(*) AS Value FROM ReplyMemoriesFts WHERE ReplyMemoriesFts MATCH 'blender'").SingleAsync());
        Assert.Empty(await host.Get<ReplyMemories>().SearchAsync("blender stops after one second"));
        var audit = await check.AuditEntries.AsNoTracking().ToListAsync();
        Assert.DoesNotContain(audit, a => (a.Detail ?? "").Contains("Anna") || (a.Detail ?? "").Contains("anna.berg"));
        var erased = Assert.Single(audit, a => a.Action == AuditActions.CustomerErased);
        Assert.Contains(ticket.Id.ToString(), erased.Detail);
    }

    [Fact]
    public async Task WithEmbeddings_EntriesAreEmbeddedAfterTheApproval_FoundByMeaning_AndErasedFromTheVectorIndex()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Models:Embedding:0:Provider"] = "Local" });
        var (agent, ticket) = await ApprovedAsync(host);
        var indexer = host.Get<MemoryIndexer>();
        var vectors = host.Get<MemoryVectors>().Index;

        Assert.Equal((1, 1, 0), await indexer.RunOnceAsync());
        Assert.Equal(1, vectors.Count);
        // No word in common with the remembered ticket beyond "blender": the embedding carries it.
        var hit = Assert.Single(await host.Get<ReplyMemories>().SearchAsync("my blender switches itself off right away"));
        Assert.Equal(ticket.Id, hit.TicketId);
        Assert.InRange(hit.Similarity, 0.4, 1);

        // The ticket page lists only what is similar enough: an invoice question still finds the blender answer
        // (the vector scan ranks every entry), but far below Memory:ShowAbove.
        var unrelated = Assert.Single(await host.Get<ReplyMemories>().SearchAsync("Please send the invoice for my order to the new billing address"));
        Assert.True(unrelated.Similarity < 0.3, $"similarity {unrelated.Similarity}");
        Assert.Empty(await host.Get<ReplyMemories>().SimilarAsync("Please send the invoice for my order to the new billing address", 3, null));
        Assert.Single(await host.Get<ReplyMemories>().SimilarAsync("my blender switches itself off right away", 3, null));

        await host.Get<CustomerErasure>().EraseAsync("anna.berg@example.com", new Actor(agent, "admin"));
        Assert.Equal((0, 0, 1), await indexer.RunOnceAsync());
        Assert.Equal(0, vectors.Count);
        Assert.Empty(await host.Get<ReplyMemories>().SearchAsync("my blender switches itself off right away"));
    }

    [Fact]
    public async Task TheIndexer_EmbedsEntriesWithoutAVectorOrWithAnotherModels_WhicheverWayItsNameSorts_AndLeavesItsOwn()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Models:Embedding:0:Provider"] = "Local" });
        var (_, ticket) = await ApprovedAsync(host); // one entry without a vector
        var sentinel = MemoryMarshal.AsBytes(Enumerable.Repeat(0.5f, 384).ToArray().AsSpan()).ToArray();
        await using (var db = host.Db())
        {
            foreach (var model in new[] { "aaa-older-model", "zzz-older-model", "all-MiniLM-L6-v2" })
                db.ReplyMemories.Add(new ReplyMemory { TicketId = ticket.Id, Subject = model, CustomerText = "The blender stops.", ReplyText = "Reset it.",
                    CreatedAt = DateTime.UtcNow, Vector = sentinel, VectorModel = model });
            await db.SaveChangesAsync();
        }

        var (embedded, added, _) = await host.Get<MemoryIndexer>().RunOnceAsync();

        Assert.Equal((3, 4), (embedded, added));
        await using var check = host.Db();
        Assert.All(await check.ReplyMemories.ToListAsync(), m => Assert.Equal("all-MiniLM-L6-v2", m.VectorModel));
        Assert.Equal(sentinel, (await check.ReplyMemories.SingleAsync(m => m.Subject == "all-MiniLM-L6-v2")).Vector); // its own: not embedded again
        Assert.NotEqual(sentinel, (await check.ReplyMemories.SingleAsync(m => m.Subject == "zzz-older-model")).Vector);
    }

    [Fact]
    public async Task Erase_RefusesSomethingThatIsNotAnAddress_AndAnUnknownAddressErasesNothing()
    {
        await using var host = await TestHost.StartAsync();
        await ApprovedAsync(host);
        var erasure = host.Get<CustomerErasure>();
        await Assert.ThrowsAsync<ArgumentException>(() => erasure.EraseAsync("   ", Actor.System));
        Assert.Equal(0, (await erasure.EraseAsync("nobody@example.com", Actor.System)).Tickets);
        await using var db = host.Db();
        Assert.Equal(1, await db.ReplyMemories.CountAsync());
    }

    [Fact]
    public async Task Import_WithAnswers_RemembersThemRedacted_AndRefusesAnAnswerWithoutABody_ByRow()
    {
        await using var host = await TestHost.StartAsync();
        var rows = """
            {"subject":"Wifi drops","body":"Hi, I am Carla Diaz. My router drops wifi every night.","answer":"Hi Carla, please update the router firmware under Settings > Update.","customerEmail":"carla@example.com","labels":{"queue":"Technical Support","language":"en"}}
            {"subject":"No body","body":"","answer":"An answer to nothing."}
            {"subject":"Labels only","body":"How do I reset the router?"}
            """;
        var report = await host.Get<TriageImport>().ImportAsync("history.jsonl", Encoding.UTF8.GetBytes(rows));

        Assert.Equal((2, 1), (report.Imported, report.Answers));
        var refused = Assert.Single(report.Rejected);
        Assert.Equal(2, refused.Row);
        Assert.Contains("answer", refused.Message);
        await using var db = host.Db();
        var entry = await db.ReplyMemories.SingleAsync();
        Assert.Equal((MemorySource.Imported, "Technical Support", "en"), (entry.Source, entry.Queue, entry.Language));
        Assert.Equal("Hi [customer name], please update the router firmware under Settings > Update.", entry.ReplyText);
        Assert.DoesNotContain("Carla", entry.CustomerText);
    }
}
