using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Approval;

public class ApprovalServiceTests
{
    [Fact]
    public async Task Approve_ByAgent_WritesApprovalThreadMessageAndOutboxTogether()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var (ticket, draft) = await Fixtures.TicketWithDraftAsync(host);
        var edited = draft.Text.Replace("Best regards", "Kind regards, Alex");
        var final = edited.Replace(" [1]", ""); // the customer's copy: without the citation markers (issue 17.3)

        var result = await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, edited, agent);

        Assert.Equal(ApprovalOutcome.Approved, result.Outcome);
        Assert.NotEqual(edited, final);
        await using var db = host.Db();
        var approval = await db.Approvals.SingleAsync();
        Assert.Equal((agent, final), (approval.ApprovedByUserId, approval.FinalText));
        Assert.InRange(approval.EditRatio, 0.001, 0.2);
        var outbox = await db.Outbox.SingleAsync();
        Assert.Equal((approval.Id, "dana@example.com", "Re: Filter replacement", final, OutboxStatus.Pending),
            (outbox.ApprovalId!.Value, outbox.To, outbox.Subject, outbox.Body, outbox.Status));
        var reply = await db.TicketMessages.SingleAsync(m => m.Author == MessageAuthor.Agent);
        Assert.Equal(final, reply.Body);
        Assert.Equal(TicketStatus.Replied, (await db.Tickets.SingleAsync(t => t.Id == ticket.Id)).Status);
        Assert.Equal(DraftStatus.Approved, (await db.Drafts.SingleAsync()).Status);
    }

    [Fact]
    public async Task Approve_Twice_IsIdempotentAndQueuesOneMessage()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var (_, draft) = await Fixtures.TicketWithDraftAsync(host);
        var service = host.Get<ApprovalService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => service.ApproveAsync(draft.Id, draft.ConcurrencyStamp, draft.Text, agent))));

        Assert.Single(results, r => r.Outcome == ApprovalOutcome.Approved);
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { ApprovalOutcome.Approved, ApprovalOutcome.AlreadyApproved }));
        await using var db = host.Db();
        Assert.Equal(1, await db.Outbox.CountAsync());
        Assert.Equal(1, await db.TicketMessages.CountAsync(m => m.Author == MessageAuthor.Agent));
    }

    [Fact]
    public async Task ApproveRacingRegenerate_FiftyTimes_NeverLeavesANewProposalOnTopOfASentReply()
    {
        // Issue 21.2: v1 approved and sent while a regeneration finished v2 on top; approving v2 sent a second reply.
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var (approvals, drafting) = (host.Get<ApprovalService>(), host.Get<DraftingService>());
        for (var i = 0; i < 50; i++)
        {
            var (ticket, draft) = await Fixtures.TicketWithDraftAsync(host);
            var delay = i % 4; // shifts which side reaches the database first
            var approve = Task.Run(async () => { await Task.Delay(delay); return await approvals.ApproveAsync(draft.Id, draft.ConcurrencyStamp, draft.Text, agent); });
            var regenerate = Task.Run(() => drafting.RegenerateAsync(ticket.Id));
            var (approved, current) = (await approve, await regenerate);

            await using var db = host.Db();
            var drafts = await db.Drafts.AsNoTracking().Where(d => d.TicketId == ticket.Id).OrderBy(d => d.Version).ToListAsync();
            var sent = await db.Outbox.CountAsync(o => o.TicketId == ticket.Id);
            if (approved.Outcome == ApprovalOutcome.Approved)
            {
                Assert.Equal(1, sent);
                Assert.Equal(DraftStatus.Approved, drafts[^1].Status); // nothing proposed on top of the sent reply
                Assert.Equal(drafts[^1].Id, current!.Id);
            }
            else
            {
                Assert.Equal(ApprovalOutcome.Conflict, approved.Outcome);
                Assert.Equal(0, sent);
                Assert.Equal([DraftStatus.Superseded, DraftStatus.Proposed], drafts.Select(d => d.Status));
            }
            // Whatever won, a further approval of the newest draft can send at most the one reply.
            var newest = drafts[^1];
            await approvals.ApproveAsync(newest.Id, newest.ConcurrencyStamp, newest.Text, agent);
            Assert.Equal(1, await db.Outbox.CountAsync(o => o.TicketId == ticket.Id));
        }
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Manager)]
    public async Task Approve_ByNonAgent_IsRefusedAndStoresNothing(string role)
    {
        await using var host = await TestHost.StartAsync();
        var user = await host.CreateUserAsync("someone@x.test", role);
        var (_, draft) = await Fixtures.TicketWithDraftAsync(host);

        var result = await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, draft.Text, user);

        Assert.Equal(ApprovalOutcome.NotAllowed, result.Outcome);
        await using var db = host.Db();
        Assert.Equal(0, await db.Approvals.CountAsync());
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    [Fact]
    public async Task Approve_WithStaleStamp_IsAConflict()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var (_, draft) = await Fixtures.TicketWithDraftAsync(host);

        var result = await host.Get<ApprovalService>().ApproveAsync(draft.Id, Guid.NewGuid(), draft.Text, agent);

        Assert.Equal(ApprovalOutcome.Conflict, result.Outcome);
    }

    [Fact]
    public async Task Approve_SupersededDraft_IsAConflict()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var (ticket, draft) = await Fixtures.TicketWithDraftAsync(host);
        await host.Get<DraftingService>().RegenerateAsync(ticket.Id);

        var result = await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, draft.Text, agent);

        Assert.Equal(ApprovalOutcome.Conflict, result.Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Approve_EmptyReply_IsInvalid(string text)
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("agent@x.test", Roles.Agent);
        var (_, draft) = await Fixtures.TicketWithDraftAsync(host);

        var result = await host.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, text, agent);

        Assert.Equal(ApprovalOutcome.Invalid, result.Outcome);
    }
}
