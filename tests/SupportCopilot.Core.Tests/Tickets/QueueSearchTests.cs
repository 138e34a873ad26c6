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
    public async Task Search_FindsTheSubjectCustomerAddressAndName_WithTheStatusFilterApplied_AndFollowsAnEdit()
    {
        await using var host = await TestHost.StartAsync();
        var tickets = host.Get<TicketService>();
        var kim = await tickets.CreateAsync(new NewTicket("Purifier humming", "It hums.", "kim.lee@example.com", "Kim Lee"));
        var sam = await tickets.CreateAsync(new NewTicket("Return label", "Where is it?", "sam@example.org", "Sam Ortega"));
        await using (var db = host.Db())
            await db.Tickets.Where(t => t.Id == sam.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Resolved));

        async Task<IEnumerable<int>> Find(string text, TicketStatus? status = null) =>
            (await tickets.QueueAsync(new QueueFilter { Search = text, Status = status }, 0, 10)).Rows.Select(r => r.Id);
        Assert.Equal([kim.Id], await Find("kim.lee@example.com"));
        Assert.Equal([kim.Id], await Find("KIM.LEE@"));       // an address's start, any case
        Assert.Empty(await Find("lee@example.com"));          // an address is matched from its start
        Assert.Equal([kim.Id], await Find("humm"));           // a subject word, as a prefix
        Assert.Equal([sam.Id], await Find("Ortega"));         // the customer's name
        Assert.Empty(await Find("Ortega", TicketStatus.Open)); // the queue's filters apply to search matches
        Assert.Equal([sam.Id, kim.Id], await Find("example"));

        await using (var db = host.Db())
            await db.Tickets.Where(t => t.Id == kim.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Subject, "Purifier buzzing"));
        Assert.Empty(await Find("humm")); // the index follows the new subject (the body says "hums", no match for "humm")
        Assert.Equal([kim.Id], await Find("buzz"));
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
