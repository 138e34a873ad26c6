using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Tickets;

/// <summary>Issue 20.2: the queue finds tickets by any word of their messages, and sorts priority by severity.</summary>
public class QueueSearchTests
{
    [Fact]
    public async Task Search_FindsAWordOfTheBody_AsAPrefix_ThroughFollowUps_AndQuotesAreNoSyntax()
    {
        await using var host = await TestHost.StartAsync();
        var tickets = host.Get<TicketService>();
        var rattle = await tickets.CreateAsync(new NewTicket("Noise", "The fan rattles loudly at speed three.", "a@example.com"));
        var other = await tickets.CreateAsync(new NewTicket("Invoice", "Please send the invoice again.", "b@example.com"));
        await tickets.AddCustomerReplyAsync(other.Id, "Also the display flickers since yesterday.");

        Assert.Equal([rattle.Id], (await tickets.QueueAsync(new QueueFilter { Search = "rattl" }, 0, 10)).Rows.Select(r => r.Id));
        Assert.Equal([other.Id], (await tickets.QueueAsync(new QueueFilter { Search = "display flickers" }, 0, 10)).Rows.Select(r => r.Id));
        // FTS5 syntax typed into the search box is just words: no error, and "or" and "near" must all be there.
        Assert.Empty((await tickets.QueueAsync(new QueueFilter { Search = "\"fan\" OR NEAR(" }, 0, 10)).Rows);
        Assert.Equal([rattle.Id], (await tickets.QueueAsync(new QueueFilter { Search = "\"rattles\"" }, 0, 10)).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task SortByPriority_IsBySeverity()
    {
        await using var host = await TestHost.StartAsync();
        var tickets = host.Get<TicketService>();
        foreach (var p in new[] { "medium", "urgent", "low", "high" })
        {
            var t = await tickets.CreateAsync(new NewTicket($"P {p}", "Body", "c@example.com"));
            await using var db = host.Db();
            db.Triages.Add(new SupportCopilot.Core.Triage.TicketTriage { TicketId = t.Id, Priority = p, Engine = "agent", UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var ascending = await tickets.QueueAsync(new QueueFilter { SortBy = "priority", Descending = false }, 0, 10);
        Assert.Equal(["low", "medium", "high", "urgent"], ascending.Rows.Select(r => r.Priority));
    }
}
