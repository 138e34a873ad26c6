using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Tickets;

/// <summary>Issue 20.3: the customer at a glance on the ticket page.</summary>
public class CustomerHistoryTests
{
    [Fact]
    public async Task History_CountsEveryTicketOfTheAddress_AnyCase_AndListsTheOthersNewestFirst()
    {
        await using var host = await TestHost.StartAsync();
        var tickets = host.Get<TicketService>();
        var first = await tickets.CreateAsync(new NewTicket("First", "Hello", "Kim@Example.com"));
        var second = await tickets.CreateAsync(new NewTicket("Second", "Hello again", "kim@example.com"));
        await tickets.CreateAsync(new NewTicket("Someone else", "Hi", "other@example.com"));
        var current = await tickets.CreateAsync(new NewTicket("Third", "Still me", "KIM@example.com"));
        await tickets.AddCustomerReplyAsync(first.Id, "One more thing about the first.");

        var history = await tickets.CustomerHistoryAsync("kim@example.com", current.Id);

        Assert.Equal(3, history.Tickets);
        Assert.Equal([second.Id, first.Id], history.Recent.Select(t => t.Id));
        Assert.Equal(first.CreatedAt, history.FirstContact!.Value, TimeSpan.FromMilliseconds(1));
        Assert.True(history.LastContact >= history.Recent.Single(t => t.Id == first.Id).LastCustomerMessageAt);
        Assert.True(history.Recent.Single(t => t.Id == first.Id).LastCustomerMessageAt > first.CreatedAt); // the follow-up counts
    }

    [Fact]
    public async Task ACustomersTickets_AreFoundThroughTheLowerCaseAddressIndex_NotByReadingEveryTicket()
    {
        await using var host = await TestHost.StartAsync();
        await using var db = host.Db();
        // The SQL EF writes for CustomerEmail.ToLower() == x (the customer panel, the queue's address search).
        var sql = db.Tickets.Where(t => t.CustomerEmail.ToLower() == "kim@example.com").Select(t => t.Id).ToQueryString();
        Assert.Contains("lower(\"t\".\"CustomerEmail\")", sql);

        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN SELECT Id FROM Tickets AS t WHERE lower(t.CustomerEmail) = 'kim@example.com'";
        var plan = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        Assert.True(plan.Any(p => p.Contains("INDEX IX_Tickets_CustomerEmailLower")), string.Join(" / ", plan));
    }
}
