using System.Text;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests;

/// <summary>Small builders shared by tests that need a ticket with a draft.</summary>
internal static class Fixtures
{
    public const string Guide = "# Purifier guide\n\n## Replacing the filter\n\nOpen the back cover and pull the old filter out. Insert the new filter with the arrow facing the fan.\n\n## Night mode\n\nPress the moon button to dim the lights.";

    public static async Task<(Ticket Ticket, Draft Draft)> TicketWithDraftAsync(TestHost host, string subject = "Filter replacement",
        string body = "How do I replace the filter in my purifier?")
    {
        await using (var db = host.Db())
        {
            if (!db.Documents.Any()) await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes(Guide));
        }
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket(subject, body, "dana@example.com", "Dana Smith"));
        var draft = await host.Get<DraftingService>().EnsureDraftAsync(ticket.Id);
        return (ticket, draft!);
    }

    /// <summary>A ticket whose draft an agent approved with <paramref name="text"/>: one message waiting in the outbox.</summary>
    public static async Task<(Ticket Ticket, Draft Draft)> ApprovedReplyAsync(TestHost host, string text)
    {
        var agent = await host.CreateUserAsync("agent@x.test", SupportCopilot.Core.Security.Roles.Agent);
        var (ticket, draft) = await TicketWithDraftAsync(host);
        var result = await host.Get<SupportCopilot.Core.Approval.ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, text, agent);
        Assert.Equal(SupportCopilot.Core.Approval.ApprovalOutcome.Approved, result.Outcome);
        return (ticket, draft);
    }
}
