using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace SupportCopilot.Web.Tests.EndToEnd;

/// <summary>Issue 20.1: pages follow work done elsewhere — triage written by another process shows on an open ticket page and
/// in the queue's row without a reload (the pages poll the change mark that triage and drafting now move).</summary>
[Collection(BrowserCollection.Name)]
public class LivePagesTests(BrowserApp app)
{
    [Fact]
    public async Task TicketPage_AndQueueRow_FollowATriageWrittenByAnotherProcess()
    {
        var subject = $"Live triage {Guid.NewGuid():N}"[..22];
        var id = await app.CreateTicketAsync(subject, "The purifier makes a rattling noise at the highest speed.", $"live.{Guid.NewGuid():N}@example.com", name: null);
        var ticketPage = await app.SignInAsync("agent@demo.local", $"/tickets/{id}");
        await Assertions.Expect(ticketPage.Locator("[data-testid=triage]")).ToBeVisibleAsync(); // this process's triage worker got there
        var queue = await ticketPage.Context.NewPageAsync();
        await queue.GotoAsync($"{app.BaseUrl}/tickets");
        var row = queue.Locator("[data-testid=ticket-queue] tbody tr", new() { HasText = subject });
        // The queue's first load on a loaded 2-core machine (the whole suite running) took longer than the default 5 s once.
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // A category set straight in the database, as a worker process would: no in-process signal fires.
        var category = "Live" + Guid.NewGuid().ToString("N")[..6];
        await using (var db = app.Db())
        {
            await db.Triages.Where(t => t.TicketId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Category, category));
            await db.Tickets.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.UpdatedAt, DateTime.UtcNow));
        }

        await Assertions.Expect(ticketPage.Locator("[data-testid=triage]")).ToContainTextAsync(category, new() { Timeout = 10_000 });
        await Assertions.Expect(row).ToContainTextAsync(category, new() { Timeout = 10_000 });

        // The SLA reads as a countdown; a due time in the past, written elsewhere, turns the row's SLA overdue.
        await Assertions.Expect(row.Locator("[data-testid=sla]")).ToContainTextAsync("due in");
        await using (var db = app.Db())
            await db.Tickets.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.SlaDueAt, DateTime.UtcNow.AddMinutes(-40)).SetProperty(t => t.UpdatedAt, DateTime.UtcNow));
        await Assertions.Expect(row.Locator("[data-testid=sla]")).ToHaveAttributeAsync("data-sla", "overdue", new() { Timeout = 10_000 });
        await Assertions.Expect(row.Locator("[data-testid=sla]")).ToContainTextAsync("overdue by");
    }
}
