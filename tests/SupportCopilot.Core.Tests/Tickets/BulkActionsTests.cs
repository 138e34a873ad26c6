using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Tickets;

/// <summary>Issue 20.2: one action on many selected tickets, each validated and audited on its own.</summary>
public class BulkActionsTests
{
    private static async Task<int[]> CreateAsync(TestHost host, int n)
    {
        var ids = new int[n];
        for (var i = 0; i < n; i++) ids[i] = (await host.Get<TicketService>().CreateAsync(new NewTicket($"Ticket {i}", "My purifier is loud.", $"c{i}@example.com"))).Id;
        return ids;
    }

    [Fact]
    public async Task AssignToAnAgent_AssignsEach_AndAuditsEach_AMissingTicketIsReportedNotFatal()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var ids = await CreateAsync(host, 3);
        var by = new Actor("lead", "Lead");

        var result = await host.Get<BulkActions>().RunAsync(BulkAction.Assign, [.. ids, 9999], agent, by);

        Assert.Equal(3, result.Done);
        Assert.Equal("#9999: The ticket does not exist.", Assert.Single(result.Problems));
        Assert.StartsWith("Assigned 3 tickets; 1 not changed", result.Summary(BulkAction.Assign));
        await using var db = host.Db();
        Assert.All(await db.Tickets.Where(t => ids.Contains(t.Id)).ToListAsync(), t => Assert.Equal(agent, t.AssignedToUserId));
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.TicketAssigned && a.Actor == "lead"));
    }

    [Fact]
    public async Task SetQueue_SetPriority_Resolve_ChangeEveryTicket_WithAnAuditLineEach()
    {
        await using var host = await TestHost.StartAsync();
        var ids = await CreateAsync(host, 2);
        var bulk = host.Get<BulkActions>();
        var by = new Actor("lead", "Lead");

        Assert.Equal(2, (await bulk.RunAsync(BulkAction.SetPriority, ids, "urgent", by)).Done);
        Assert.Equal(2, (await bulk.RunAsync(BulkAction.SetQueue, ids, "returns", by)).Done);
        Assert.Equal(2, (await bulk.RunAsync(BulkAction.Resolve, ids, null, by)).Done);

        await using var db = host.Db();
        var tickets = await db.Tickets.Include(t => t.Triage).Where(t => ids.Contains(t.Id)).ToListAsync();
        Assert.All(tickets, t => Assert.Equal(("urgent", "agent", "returns", TicketStatus.Resolved), (t.Triage!.Priority, t.Triage.Engine, t.Queue, t.Status)));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.TicketQueueSet && a.Detail!.EndsWith("(bulk)")));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.TriageEdited && a.Detail == "priority: urgent (bulk)"));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.TicketResolved));
    }

    [Theory]
    [InlineData(BulkAction.SetPriority, "soonish", "Priority must be one of")]
    [InlineData(BulkAction.SetQueue, " ", "Choose a queue")]
    [InlineData(BulkAction.Assign, "", "Choose an agent")]
    public async Task InvalidValues_ChangeNothing(BulkAction action, string value, string reason)
    {
        await using var host = await TestHost.StartAsync();
        var ids = await CreateAsync(host, 1);

        var result = await host.Get<BulkActions>().RunAsync(action, ids, value, new Actor("lead", "Lead"));

        Assert.Equal(0, result.Done);
        Assert.Contains(reason, Assert.Single(result.Problems));
    }

    [Fact]
    public async Task AssigningToSomeoneWhoIsNoAgent_IsRefusedPerTicket_AndTooManyTicketsAtOnceNotAtAll()
    {
        await using var host = await TestHost.StartAsync();
        var manager = await host.CreateUserAsync("manager@x.test", Roles.Manager);
        var ids = await CreateAsync(host, 2);
        var bulk = host.Get<BulkActions>();

        var result = await bulk.RunAsync(BulkAction.Assign, ids, manager, new Actor("lead", "Lead"));
        Assert.Equal(0, result.Done);
        Assert.All(result.Problems, p => Assert.Contains("Agent role", p));

        Assert.Contains("at most 100", Assert.Single((await bulk.RunAsync(BulkAction.Resolve, Enumerable.Range(1, 101).ToList(), null, new Actor("lead", "Lead"))).Problems));
    }
}
