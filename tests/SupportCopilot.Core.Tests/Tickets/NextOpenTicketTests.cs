using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Tickets;

/// <summary>Issue 20: "Approve &amp; next" opens the open ticket most urgent for this agent.</summary>
public class NextOpenTicketTests
{
    [Fact]
    public async Task Next_IsTheEarliestSlaOpenTicket_UnassignedOrMine_NeverTheCurrentOrAnothersOrAnsweredOne()
    {
        await using var host = await TestHost.StartAsync();
        var tickets = host.Get<TicketService>();
        async Task<int> Create(string subject, DateTime? due, string? assignee = null, TicketStatus status = TicketStatus.Open)
        {
            var t = await tickets.CreateAsync(new NewTicket(subject, "Body", "n@example.com"));
            await using var db = host.Db();
            await db.Tickets.Where(x => x.Id == t.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.SlaDueAt, due).SetProperty(x => x.AssignedToUserId, assignee).SetProperty(x => x.Status, status));
            return t.Id;
        }
        var now = DateTime.UtcNow;
        var current = await Create("Current", now.AddHours(-5));
        await Create("Someone else's", now.AddHours(-4), assignee: "other-agent");
        await Create("Already replied", now.AddHours(-3), status: TicketStatus.Replied);
        var mine = await Create("Mine, due soon", now.AddHours(1), assignee: "me");
        var unassignedLater = await Create("Unassigned, due later", now.AddHours(2));
        await Create("No SLA", null);

        Assert.Equal(mine, await tickets.NextOpenAsync(current, "me"));
        Assert.Equal(unassignedLater, await tickets.NextOpenAsync(current, "another-agent"));
    }
}
