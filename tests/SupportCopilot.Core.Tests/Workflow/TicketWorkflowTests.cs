using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Events;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Workflow;

public class TicketWorkflowTests
{
    [Fact]
    public async Task TwoAgentsClaimAtOnce_ExactlyOneHoldsTheTicket_TheOtherIsToldWho()
    {
        await using var host = await TestHost.StartAsync();
        var a = new Actor(await host.CreateUserAsync("ana@x.test", Roles.Agent), "ana@x.test");
        var b = new Actor(await host.CreateUserAsync("ben@x.test", Roles.Agent), "ben@x.test");
        var (ticket, _) = await Fixtures.TicketWithDraftAsync(host);
        var workflow = host.Get<TicketWorkflow>();

        var results = await Task.WhenAll(workflow.ClaimAsync(ticket.Id, a), workflow.ClaimAsync(ticket.Id, b));

        Assert.Single(results, r => r.Ok);
        var loser = Assert.Single(results, r => !r.Ok);
        Assert.Equal(WorkflowOutcome.HeldByOther, loser.Outcome);
        var held = (await host.Get<TicketService>().GetAsync(ticket.Id))!;
        Assert.Contains(held.AssignedToName!, loser.Message);
        Assert.True((await workflow.ClaimAsync(ticket.Id, held.AssignedToUserId == a.Id ? a : b)).Ok); // claiming your own again is fine
    }

    [Fact]
    public async Task Assign_OnlyToAgents_AndRecordsThePreviousHolder()
    {
        await using var host = await TestHost.StartAsync();
        var admin = new Actor(await host.CreateUserAsync("boss@x.test", Roles.Admin), "boss@x.test");
        var ana = await host.CreateUserAsync("ana@x.test", Roles.Agent);
        var ben = await host.CreateUserAsync("ben@x.test", Roles.Agent);
        var (ticket, _) = await Fixtures.TicketWithDraftAsync(host);
        var workflow = host.Get<TicketWorkflow>();

        Assert.Equal(WorkflowOutcome.Invalid, (await workflow.AssignAsync(ticket.Id, admin.Id, admin)).Outcome);
        Assert.True((await workflow.AssignAsync(ticket.Id, ana, admin)).Ok);
        Assert.True((await workflow.AssignAsync(ticket.Id, ben, admin)).Ok);

        await using var db = host.Db();
        var last = await db.AuditEntries.Where(e => e.Action == AuditActions.TicketAssigned).OrderBy(e => e.Id).LastAsync();
        Assert.Equal("to ben (was ana)", last.Detail);
        Assert.Equal("boss@x.test", last.ActorName);
    }

    [Fact]
    public async Task Notes_ResolveAndReopen_AreStoredAudited_AndBecomeEvents()
    {
        await using var host = await TestHost.StartAsync();
        var agent = new Actor(await host.CreateUserAsync("ana@x.test", Roles.Agent), "ana@x.test");
        var (ticket, _) = await Fixtures.TicketWithDraftAsync(host);
        var workflow = host.Get<TicketWorkflow>();

        Assert.Equal(WorkflowOutcome.Invalid, (await workflow.AddNoteAsync(ticket.Id, "  ", agent)).Outcome);
        Assert.True((await workflow.AddNoteAsync(ticket.Id, "Customer called, wants a callback.", agent)).Ok);
        Assert.True((await workflow.ResolveAsync(ticket.Id, agent)).Ok);
        Assert.True((await workflow.ReopenAsync(ticket.Id, agent)).Ok);

        var loaded = (await host.Get<TicketService>().GetAsync(ticket.Id))!;
        Assert.Equal(TicketStatus.Open, loaded.Status);
        Assert.Equal(MessageAuthor.Note, loaded.Messages.Last().Author);
        Assert.Equal("ana", loaded.Messages.Last().AuthorName); // the display name, as on the agent's replies (not the address)
        await using var db = host.Db();
        var types = await db.TicketEvents.Where(e => e.TicketId == ticket.Id).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
        Assert.Equal([TicketEventType.Created, TicketEventType.DraftGenerated, TicketEventType.Resolved, TicketEventType.Reopened], types);
        var actions = await db.AuditEntries.Where(e => e.Target == $"ticket:{ticket.Id}").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditActions.NoteAdded, AuditActions.TicketResolved, AuditActions.TicketReopened], actions);
    }

    [Fact]
    public async Task Reject_NeedsAReasonTextForOther_ThenRecordsReasonAndEvent()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("ana@x.test", Roles.Agent);
        var manager = await host.CreateUserAsync("max@x.test", Roles.Manager);
        var (ticket, draft) = await Fixtures.TicketWithDraftAsync(host);
        var approvals = host.Get<ApprovalService>();

        Assert.Equal(ApprovalOutcome.Invalid, (await approvals.RejectAsync(draft.Id, draft.ConcurrencyStamp, RejectReason.Other, " ", agent)).Outcome);
        Assert.Equal(ApprovalOutcome.NotAllowed, (await approvals.RejectAsync(draft.Id, draft.ConcurrencyStamp, RejectReason.Tone, null, manager)).Outcome);
        Assert.Equal(ApprovalOutcome.Rejected, (await approvals.RejectAsync(draft.Id, draft.ConcurrencyStamp, RejectReason.MissingKnowledge, "No page on E7.", agent)).Outcome);
        // The same (now stale) stamp cannot reject or approve again.
        Assert.Equal(ApprovalOutcome.Conflict, (await approvals.ApproveAsync(draft.Id, draft.ConcurrencyStamp, "x", agent)).Outcome);

        await using var db = host.Db();
        var stored = await db.Drafts.SingleAsync(d => d.Id == draft.Id);
        Assert.Equal((DraftStatus.Rejected, RejectReason.MissingKnowledge, "No page on E7."), (stored.Status, stored.RejectReason, stored.RejectNote));
        var e = await db.TicketEvents.SingleAsync(x => x.Type == TicketEventType.Rejected);
        Assert.Equal((ticket.Id, draft.Id, "MissingKnowledge"), (e.TicketId, e.DraftId!.Value, e.Reason));
    }

    [Fact]
    public async Task OwnReply_AfterRejection_IsApprovedAsManualDraft_AndQueued()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await host.CreateUserAsync("ana@x.test", Roles.Agent);
        var (ticket, draft) = await Fixtures.TicketWithDraftAsync(host);
        var approvals = host.Get<ApprovalService>();
        await approvals.RejectAsync(draft.Id, draft.ConcurrencyStamp, RejectReason.WrongFacts, null, agent);

        var result = await approvals.SendOwnReplyAsync(ticket.Id, "I wrote this myself.", agent);

        Assert.Equal(ApprovalOutcome.Approved, result.Outcome);
        await using var db = host.Db();
        var manual = await db.Drafts.SingleAsync(d => d.Kind == DraftKind.Manual);
        Assert.Equal((2, DraftStatus.Approved, "human"), (manual.Version, manual.Status, manual.Model));
        Assert.Equal("I wrote this myself.", (await db.Outbox.SingleAsync()).Body);
        var approved = await db.TicketEvents.SingleAsync(e => e.Type == TicketEventType.Approved);
        Assert.Equal((manual.Id, "human", 0.0), (approved.DraftId!.Value, approved.Model, approved.EditRatio!.Value));
        Assert.NotNull((await db.Tickets.SingleAsync()).FirstResponseAt);
    }
}
