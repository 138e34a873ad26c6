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

    [Fact]
    public async Task PriorityRank_FollowsEveryTriageWrite_AndTheSortReadsItThroughAnIndex()
    {
        await using var host = await TestHost.StartAsync();
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("Rank", "Body", "r@example.com"));
        async Task<int> Rank() { await using var db = host.Db(); return await db.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.PriorityRank).SingleAsync(); }
        Assert.Equal(0, await Rank()); // not triaged yet

        await using (var db = host.Db())
        {
            db.Triages.Add(new SupportCopilot.Core.Triage.TicketTriage { TicketId = ticket.Id, Priority = "high", Engine = "ml", UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        Assert.Equal(3, await Rank());
        await using (var db = host.Db()) // an agent's correction, a bulk action: whoever writes the priority
            await db.Triages.Where(t => t.TicketId == ticket.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Priority, "urgent"));
        Assert.Equal(4, await Rank());
        await using (var db = host.Db()) // the application saving the ticket never overwrites the database's rank
        {
            var tracked = await db.Tickets.SingleAsync(t => t.Id == ticket.Id);
            tracked.Subject = "Rank, renamed";
            await db.SaveChangesAsync();
        }
        Assert.Equal(4, await Rank());
        await using (var db = host.Db()) // a customer's follow-up drops a machine triage: back to unranked
            await db.Triages.Where(t => t.TicketId == ticket.Id).ExecuteDeleteAsync();
        Assert.Equal(0, await Rank());

        await using var check = host.Db();
        var conn = check.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + check.Tickets.Where(t => t.Status == TicketStatus.Open).OrderByDescending(t => t.PriorityRank).ThenByDescending(t => t.Id)
            .Select(t => t.Id).Take(25).ToQueryString().Split('\n').SkipWhile(l => l.StartsWith(".param", StringComparison.Ordinal)).Aggregate((a, b) => a + "\n" + b)
            .Replace("@p", "25").Replace("@__p_0", "25");
        var plan = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        Assert.True(plan.Any(p => p.Contains("INDEX IX_Tickets_Status_PriorityRank_Id")) && !plan.Any(p => p.Contains("TEMP B-TREE")), string.Join(" / ", plan));
    }

    [Fact]
    public async Task PlannerStatistics_AreTakenForTablesThatNeverHadThem()
    {
        await using var host = await TestHost.StartAsync();
        var tickets = host.Get<TicketService>();
        for (var i = 0; i < 30; i++) await tickets.CreateAsync(new NewTicket($"Stats {i}", "Body", $"s{i}@example.com"));
        async Task<long> TicketStats()
        {
            await using var db = host.Db();
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'";
            if ((long)(await cmd.ExecuteScalarAsync())! == 0) return 0;
            cmd.CommandText = "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'Tickets'";
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
        await using (var db = host.Db()) await db.Database.ExecuteSqlRawAsync("DELETE FROM sqlite_stat1"); // as a database that was never analysed
        Assert.Equal(0, await TicketStats());

        await host.Get<SupportCopilot.Core.Data.SqliteStatistics>().OptimizeAsync(CancellationToken.None);

        Assert.True(await TicketStats() > 0);
    }

    [Fact]
    public async Task ACommonWord_SearchesTheMostRecentMatches_AndSaysItCutOlderOnes()
    {
        await using var host = await TestHost.StartAsync();
        var tickets = host.Get<TicketService>();
        var ids = new List<int>();
        for (var i = 0; i < 6; i++) ids.Add((await tickets.CreateAsync(new NewTicket($"Case {i}", "The gizmo hums.", $"g{i}@example.com"))).Id);
        await tickets.AddCustomerReplyAsync(ids[0], "Still a gizmo problem."); // an old ticket with a new matching message
        var rare = await tickets.CreateAsync(new NewTicket("Other", "The doohickey hums.", "d@example.com"));

        await using var db = host.Db();
        var (found, capped) = await MessageSearch.FilterAsync(db, db.Tickets, "gizmo", CancellationToken.None, newest: 3);
        // The three newest matching messages: the follow-up on ticket 0, then the first messages of tickets 5 and 4.
        Assert.Equal([ids[0], ids[4], ids[5]], (await found.Select(t => t.Id).ToListAsync()).Order());
        Assert.True(capped);

        var (all, uncapped) = await MessageSearch.FilterAsync(db, db.Tickets, "doohick", CancellationToken.None, newest: 3);
        Assert.Equal([rare.Id], await all.Select(t => t.Id).ToListAsync());
        Assert.False(uncapped);
        // Through the queue, with the real cut (MessageSearch.Newest): every match, nothing cut.
        var page = await tickets.QueueAsync(new QueueFilter { Search = "gizmo" }, 0, 25);
        Assert.Equal((6, false), (page.Total, page.SearchCapped));
    }

    [Fact]
    public async Task WholeWordsThatFillTheCut_AreTheAnswer_OtherwiseTheWordsAreSearchedAsPrefixes()
    {
        await using var host = await TestHost.StartAsync();
        var tickets = host.Get<TicketService>();
        var older = new List<int>();
        for (var i = 0; i < 4; i++) older.Add((await tickets.CreateAsync(new NewTicket($"Case {i}", "The widget hums.", $"w{i}@example.com"))).Id);
        var plural = await tickets.CreateAsync(new NewTicket("Newest", "Both widgets hum.", "p@example.com"));

        await using var db = host.Db();
        // "widget" fills the cut of 3 as a whole word: its three newest are the answer, the newer "widgets" is beyond it.
        var (whole, capped) = await MessageSearch.FilterAsync(db, db.Tickets, "widget", CancellationToken.None, newest: 3);
        Assert.Equal(older.Skip(1), (await whole.Select(t => t.Id).ToListAsync()).Order());
        Assert.True(capped);
        // With room for every whole-word match, the prefix search runs and finds "widgets" too.
        var (prefixed, notCapped) = await MessageSearch.FilterAsync(db, db.Tickets, "widget", CancellationToken.None, newest: 10);
        Assert.Equal([.. older, plural.Id], (await prefixed.Select(t => t.Id).ToListAsync()).Order());
        Assert.False(notCapped);
        // A word's start matches no whole word, so it is searched as a prefix even when that cuts.
        var (start, cut) = await MessageSearch.FilterAsync(db, db.Tickets, "widg", CancellationToken.None, newest: 3);
        Assert.Equal([older[2], older[3], plural.Id], (await start.Select(t => t.Id).ToListAsync()).Order());
        Assert.True(cut);
    }
}
