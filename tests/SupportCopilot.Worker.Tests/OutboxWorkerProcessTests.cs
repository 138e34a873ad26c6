using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Worker.Tests;

/// <summary>Scale-out shape: the app approves, a separate SupportCopilot.Worker process on the same database sends.</summary>
public class OutboxWorkerProcessTests
{
    [Fact]
    public async Task WorkerProcess_DeliversApprovedMessageExactlyOnce()
    {
        await using var h = await WorkerHarness.StartAsync();
        var outboxId = await ApproveOneReplyAsync(h);

        h.StartWorker(("Workers__Ingestion", "false"));

        Assert.True(await h.WaitUntilAsync(db => db.Outbox.AnyAsync(o => o.Id == outboxId && o.Status == OutboxStatus.Sent), TimeSpan.FromSeconds(30)));
        var mail = Path.Combine(h.DataDirectory, "outbox-mail", $"{outboxId}.eml");
        Assert.Contains("Hold the Filter button for 5 seconds.", await File.ReadAllTextAsync(mail));
        await using var check = h.Db();
        Assert.Equal(1, (await check.Outbox.SingleAsync()).Attempts);
    }

    private static async Task<int> ApproveOneReplyAsync(WorkerHarness h)
    {
        string agentId;
        await using (var scope = h.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().CreateAsync(new IdentityRole(Roles.Agent));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var agent = new AppUser { UserName = "agent@x.test", Email = "agent@x.test" };
            await users.CreateAsync(agent);
            await users.AddToRoleAsync(agent, Roles.Agent);
            agentId = agent.Id;
        }
        await h.Get<KnowledgeUploads>().UploadAsync("g.md", Encoding.UTF8.GetBytes("# Filter\n\nHold the Filter button for 5 seconds after a filter change."));
        await h.Get<IngestionWorker>().DrainAsync();
        var ticket = await h.Get<TicketService>().CreateAsync(new NewTicket("Filter light", "How do I reset the filter light?", "c@example.com"));
        var draft = await h.Get<DraftingService>().EnsureDraftAsync(ticket.Id);
        var result = await h.Get<ApprovalService>().ApproveAsync(draft!.Id, draft.ConcurrencyStamp, "Hold the Filter button for 5 seconds.", agentId);
        Assert.Equal(ApprovalOutcome.Approved, result.Outcome);
        await using var db = h.Db();
        return (await db.Outbox.SingleAsync()).Id;
    }
}
