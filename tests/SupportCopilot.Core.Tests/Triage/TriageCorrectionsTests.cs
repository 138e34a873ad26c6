using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Samples;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Tests.Triage;

public class TriageCorrectionsTests
{
    [Fact]
    public async Task Correct_StoresTheLabelWithWhoAndWhen_AndMakesTheTriageHuman()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("Wifi", "Cannot pair.", "a@example.com"));
        await host.Get<TriageService>().TriageTicketAsync(ticket.Id); // "rules": needs a human

        Assert.Null(await host.Get<TriageCorrections>().CorrectAsync(ticket.Id, "priority", "urgent", agent));
        Assert.Null(await host.Get<TriageCorrections>().CorrectAsync(ticket.Id, "category", "App & Connectivity", agent));

        await using var db = host.Db();
        var triage = await db.Triages.SingleAsync(t => t.TicketId == ticket.Id);
        Assert.Equal(("agent", false, "urgent", 1.0, "App & Connectivity"), (triage.Engine, triage.NeedsHuman, triage.Priority, triage.PriorityConfidence, triage.Category));
        var correction = await db.TriageCorrections.OrderBy(c => c.Id).FirstAsync();
        Assert.Equal(("priority", (string?)null, "urgent", agent), (correction.Field, correction.OldValue, correction.NewValue, correction.UserId));
        Assert.True(correction.CreatedAt > DateTime.UtcNow.AddMinutes(-1));
        Assert.Equal("agent", (await host.Get<TriageService>().TriageTicketAsync(ticket.Id))!.Engine); // the classifier leaves it alone
    }

    [Fact]
    public async Task Confirm_MakesEveryShownFieldALabel()
    {
        await using var host = await TestHost.StartAsync();
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("Luftreiniger", "Mein Luftreiniger ist kaputt.", "a@example.com"));
        await host.Get<TriageService>().TriageTicketAsync(ticket.Id);

        Assert.True(await host.Get<TriageCorrections>().ConfirmAsync(ticket.Id));

        await using var db = host.Db();
        var triage = await db.Triages.SingleAsync();
        Assert.Equal(("agent", false, 1.0, 1.0, 0.0), (triage.Engine, triage.NeedsHuman, triage.LanguageConfidence, triage.Confidence, triage.CategoryConfidence));
        Assert.False(await host.Get<TriageCorrections>().ConfirmAsync(999));
    }

    [Theory]
    [InlineData("colour", "red", "Unknown field")]
    [InlineData("type", "rant", "Type must be one of")]
    [InlineData("priority", "", "Choose a value")]
    [InlineData("language", "English", "Language must be a code")]
    public async Task Correct_InvalidFieldOrValue_IsRefusedAndStoresNothing(string field, string value, string error)
    {
        await using var host = await TestHost.StartAsync();
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("s", "b", "a@example.com"));

        Assert.StartsWith(error, await host.Get<TriageCorrections>().CorrectAsync(ticket.Id, field, value, "u"));

        await using var db = host.Db();
        Assert.Equal(0, await db.TriageCorrections.CountAsync());
    }

    [Fact]
    public async Task EnoughCorrections_MakeTheWorkerRetrainWithThem()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Triage:RetrainAfterCorrections"] = "2" });
        await host.Get<SampleDataSeeder>().SeedAsync(Path.Combine(AppContext.BaseDirectory, "knowledge-samples"));
        var corrections = host.Get<TriageCorrections>();
        Assert.False(await corrections.RetrainDueAsync());
        await using (var db = host.Db())
        {
            foreach (var id in await db.Tickets.OrderBy(t => t.Id).Select(t => t.Id).Take(2).ToListAsync())
                Assert.Null(await corrections.CorrectAsync(id, "type", "complaint", "u"));
        }
        Assert.True(await corrections.RetrainDueAsync());

        await host.Get<TriageModels>().TrainAsync();

        await using var check = host.Db();
        Assert.Equal(2, await check.TriageModels.Where(m => m.Field == "type").MaxAsync(m => m.Version));
        Assert.False(await corrections.RetrainDueAsync());
    }
}
