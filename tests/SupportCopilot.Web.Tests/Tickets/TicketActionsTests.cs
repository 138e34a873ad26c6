using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Web.Tickets;

namespace SupportCopilot.Web.Tests.Tickets;

[Collection(AppCollection.Name)]
public class TicketActionsTests : ComponentTest
{
    private readonly AppFactory _app;

    public TicketActionsTests(AppFactory app)
    {
        _app = app;
        Services.AddSingleton(app.Get<TicketWorkflow>());
    }

    [Fact]
    public async Task ClaimedByAnother_ShowsWho_AndOffersTakeOver()
    {
        var ticket = await _app.Get<TicketService>().CreateAsync(new NewTicket("Held", "Body text", "c@example.com"));
        await _app.Get<TicketWorkflow>().ClaimAsync(ticket.Id, new Actor("someone-else", "Sam Other"));
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);

        var actions = Render<TicketActions>(p => p.Add(c => c.Ticket, _app.Get<TicketService>().GetAsync(ticket.Id).Result!).Add(c => c.Agents, []));

        Assert.Contains("Sam Other is working on this ticket", actions.Find("[data-testid=holder]").TextContent);
        Assert.Equal("Take over", actions.Find("button[data-testid=claim]").TextContent.Trim());
    }

    [Fact]
    public async Task Claim_TakesAFreeTicket_AndResolveChangesTheStatus()
    {
        var ticket = await _app.Get<TicketService>().CreateAsync(new NewTicket("Free", "Body text", "c@example.com"));
        var me = await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        var changed = 0;
        var actions = Render<TicketActions>(p => p.Add(c => c.Ticket, ticket).Add(c => c.Agents, []).Add(c => c.OnChanged, () => { changed++; }));

        Assert.Equal("Nobody is working on this ticket.", actions.Find("[data-testid=holder]").TextContent.Trim());
        await actions.Find("button[data-testid=claim]").ClickAsync(new());
        await actions.Find("button[data-testid=resolve]").ClickAsync(new());

        var after = (await _app.Get<TicketService>().GetAsync(ticket.Id))!;
        Assert.Equal((me, TicketStatus.Resolved, 2), (after.AssignedToUserId, after.Status, changed));
    }

    [Fact]
    public async Task Admin_SeesNoClaimOrResolve()
    {
        var ticket = await _app.Get<TicketService>().CreateAsync(new NewTicket("Admin view", "Body text", "c@example.com"));
        await SignInAsync(_app, "admin@demo.local", Roles.Admin);

        var actions = Render<TicketActions>(p => p.Add(c => c.Ticket, ticket).Add(c => c.Agents, []));

        Assert.Empty(actions.FindAll("button[data-testid=claim]"));
        Assert.Empty(actions.FindAll("button[data-testid=resolve]"));
    }
}
