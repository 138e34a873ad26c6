using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Web.Drafting;

namespace SupportCopilot.Web.Tests.Drafting;

/// <summary>Reject, own reply, Ctrl+Enter and preview in the draft panel, over the shared app's real services.</summary>
[Collection(AppCollection.Name)]
public class DraftPanelActionsTests : ComponentTest
{
    private readonly AppFactory _app;

    public DraftPanelActionsTests(AppFactory app)
    {
        _app = app;
        Services.AddSingleton(app.Get<ApprovalService>());
        Services.AddSingleton(app.Get<KnowledgeCatalog>());
        Services.AddSingleton(app.Get<CopyStyles>());
        Services.AddSingleton(app.Get<TicketService>());
        Services.AddSingleton(app.Get<Microsoft.Extensions.Options.IOptions<SupportCopilot.Core.Triage.RoutingOptions>>());
    }

    [Fact]
    public void RejectForm_NeedsAReason_AndTextWhenTheReasonIsOther()
    {
        (RejectReason, string?)? rejected = null;
        var form = Render<RejectForm>(p => p.Add(c => c.OnReject, r => { rejected = r; }));
        AngleSharp.Dom.IElement Confirm() => form.Find("button[data-testid=confirm-reject]");

        Assert.True(Confirm().HasAttribute("disabled"));
        form.Find("input[data-testid=reason-Other]").Click();
        Assert.True(Confirm().HasAttribute("disabled")); // "other" without saying what
        form.Find("input[data-testid=reject-note]").Input("Promises a refund we do not give.");
        Assert.False(Confirm().HasAttribute("disabled"));
        Confirm().Click();

        Assert.Equal((RejectReason.Other, "Promises a refund we do not give."), rejected);
    }

    [Fact]
    public async Task Reject_ThroughThePanel_StoresTheReason_AndTheRejectedPanelOffersAnOwnReply()
    {
        var draft = await NewDraftAsync("How do I reset the filter counter?");
        var userId = await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.TicketId, draft.TicketId).Add(c => c.CanApprove, true));

        await panel.Find("button[data-testid=reject]").ClickAsync(new());
        panel.Find("input[data-testid=reason-MissingKnowledge]").Click();
        await panel.Find("button[data-testid=confirm-reject]").ClickAsync(new());

        await using (var db = _app.Db())
        {
            var stored = await db.Drafts.SingleAsync(d => d.Id == draft.Id);
            Assert.Equal((DraftStatus.Rejected, RejectReason.MissingKnowledge, userId), (stored.Status, stored.RejectReason, stored.RejectedByUserId));
        }
        var current = (await _app.Get<DraftingService>().GetCurrentAsync(draft.TicketId))!;
        var after = Render<DraftPanel>(p => p.Add(c => c.Draft, current).Add(c => c.TicketId, draft.TicketId).Add(c => c.CanApprove, true));
        Assert.Contains("Missing knowledge", after.Find("[data-testid=rejected]").TextContent);
        Assert.True(after.Find("button[data-testid=send-own]").HasAttribute("disabled")); // nothing written yet
        after.Find("textarea[data-testid=own-text]").Input("Our guide does not cover this; I have asked engineering.");
        BrowserShows("own-text", "Our guide does not cover this; I have asked engineering.");
        await after.Find("button[data-testid=send-own]").ClickAsync(new());

        await using var check = _app.Db();
        Assert.Equal("Our guide does not cover this; I have asked engineering.", (await check.Outbox.SingleAsync(o => o.TicketId == draft.TicketId)).Body);
    }

    [Theory]
    [InlineData("agent@demo.local", Roles.Agent, true)]
    [InlineData("admin@demo.local", Roles.Admin, false)]
    public async Task CtrlEnter_Approves_ButOnlyForAnAgent(string email, string role, bool approves)
    {
        var draft = await NewDraftAsync("Where do I find the night mode button?");
        await SignInAsync(_app, email, role);
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.TicketId, draft.TicketId).Add(c => c.CanApprove, role == Roles.Agent));
        BrowserShows("draft-text", draft.Text);

        await panel.Find("textarea[data-testid=draft-text]").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter", CtrlKey = true });

        await using var db = _app.Db();
        Assert.Equal(approves, await db.Approvals.AnyAsync(a => a.DraftId == draft.Id));
    }

    [Fact]
    public async Task UseThisReply_SurvivesANewDraftArriving_WhileTheAgentHoldsIt()
    {
        var draft = await NewDraftAsync("How often should the carbon filter be changed?");
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.TicketId, draft.TicketId).Add(c => c.CanApprove, true));

        await panel.InvokeAsync(() => panel.Instance.UseReply("Hi Sam, change it every six months."));
        Assert.Equal("Hi Sam, change it every six months.", panel.Find("textarea[data-testid=own-text]").GetAttribute("value") ?? panel.Find("textarea[data-testid=own-text]").TextContent);

        // The background worker (or a live update) brings a newer draft: the agent's text stays where it was.
        var newer = (await _app.Get<DraftingService>().RegenerateAsync(draft.TicketId))!;
        panel.Render(p => p.Add(c => c.Draft, newer));

        Assert.Equal("Hi Sam, change it every six months.", panel.Find("textarea[data-testid=own-text]").GetAttribute("value") ?? panel.Find("textarea[data-testid=own-text]").TextContent);
    }

    [Fact]
    public async Task ApproveAndNext_SendsTheReply_ThenOpensTheNextOpenTicket()
    {
        var draft = await NewDraftAsync("How do I clean the pre-filter?");
        var userId = await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.TicketId, draft.TicketId).Add(c => c.CanApprove, true));
        BrowserShows("draft-text", draft.Text);
        var expected = await _app.Get<TicketService>().NextOpenAsync(draft.TicketId, userId);

        await panel.Find("button[data-testid=approve-next]").ClickAsync(new());

        await using var db = _app.Db();
        Assert.True(await db.Approvals.AnyAsync(a => a.DraftId == draft.Id));
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        Assert.EndsWith(expected is { } id ? $"/tickets/{id}" : "/tickets", navigation.Uri);
    }

    [Fact]
    public async Task Approve_WhenTheScreenShowsOtherTextThanTheServerHolds_SendsNothing_AndTakesOverTheScreensText()
    {
        // The server's copy went stale (an input event lost to the circuit's message limit or a reconnect).
        var draft = await NewDraftAsync("How do I descale the kettle?");
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.TicketId, draft.TicketId).Add(c => c.CanApprove, true));
        var onScreen = "Fill it with vinegar and water, boil, then rinse twice. " + new string('x', 17_000);
        BrowserShows("draft-text", onScreen);

        await panel.Find("button[data-testid=approve]").ClickAsync(new());

        await using (var db = _app.Db()) Assert.False(await db.Approvals.AnyAsync(a => a.DraftId == draft.Id));
        Assert.Contains("out of date", panel.Find("[data-testid=send-refused]").TextContent);
        // The editor now holds the screen's text; the next click sends exactly that.
        Assert.Equal(onScreen, panel.Find("textarea[data-testid=draft-text]").GetAttribute("value") ?? panel.Find("textarea[data-testid=draft-text]").TextContent);
        await panel.Find("button[data-testid=approve]").ClickAsync(new());
        await using var check = _app.Db();
        Assert.Equal(onScreen, (await check.Approvals.SingleAsync(a => a.DraftId == draft.Id)).FinalText);
        Assert.Equal(onScreen, (await check.Outbox.SingleAsync(o => o.TicketId == draft.TicketId)).Body);
    }

    [Fact]
    public async Task Approve_WhenTheBrowserCannotBeRead_SendsNothing()
    {
        var draft = await NewDraftAsync("Does the kettle switch off by itself?");
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.TicketId, draft.TicketId).Add(c => c.CanApprove, true));
        JSInterop.Setup<BrowserText?>("supportCopilot.readEditor", _ => true).SetException(new Microsoft.JSInterop.JSException("circuit lost"));

        await panel.Find("button[data-testid=approve]").ClickAsync(new());

        await using var db = _app.Db();
        Assert.False(await db.Approvals.AnyAsync(a => a.DraftId == draft.Id));
        Assert.Contains("could not be read", panel.Find("[data-testid=send-refused]").TextContent);
    }

    [Fact]
    public async Task Approve_OfAReplyOverTheLimit_IsDisabled_AndRefusedWithAMessage()
    {
        var draft = await NewDraftAsync("Can I put the kettle in the dishwasher?");
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.TicketId, draft.TicketId).Add(c => c.CanApprove, true));
        var tooLong = new string('ü', ApprovalService.MaxReplyLength + 1);

        panel.Find("textarea[data-testid=draft-text]").Input(tooLong);
        Assert.True(panel.Find("button[data-testid=approve]").HasAttribute("disabled"));
        Assert.Contains("Too long", panel.Markup);
        // Ctrl+Enter does not look at the button: the screen's length refuses it.
        BrowserShows("draft-text", tooLong);
        await panel.Find("textarea[data-testid=draft-text]").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter", CtrlKey = true });

        await using var db = _app.Db();
        Assert.False(await db.Approvals.AnyAsync(a => a.DraftId == draft.Id));
        Assert.Contains("the limit is 20,000", panel.Find("[data-testid=send-refused]").TextContent);
    }

    [Fact]
    public async Task OwnReply_WhileADraftIsProposed_NeedsNoRejection_AndSupersedesTheDraft()
    {
        // Issue 15.1: an agent could write their own reply only after rejecting the AI draft.
        var draft = await NewDraftAsync("Can I get the invoice for my order again?");
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.TicketId, draft.TicketId).Add(c => c.CanApprove, true));
        Assert.Empty(panel.FindAll("textarea[data-testid=own-text]"));

        panel.Find("button[data-testid=write-own]").Click();
        panel.Find("textarea[data-testid=own-text]").Input("I have sent the invoice to your e-mail address again.");
        BrowserShows("own-text", "I have sent the invoice to your e-mail address again.");
        await panel.Find("button[data-testid=send-own]").ClickAsync(new());

        await using var db = _app.Db();
        Assert.Equal(DraftStatus.Superseded, (await db.Drafts.SingleAsync(d => d.Id == draft.Id)).Status);
        Assert.Equal("I have sent the invoice to your e-mail address again.", (await db.Outbox.SingleAsync(o => o.TicketId == draft.TicketId)).Body);
    }

    [Fact]
    public async Task AfterAnApproval_TheAgentCanSendAnotherReply()
    {
        var draft = await NewDraftAsync("Does the purifier come with a spare filter?");
        var agent = await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        await _app.Get<ApprovalService>().ApproveAsync(draft.Id, draft.ConcurrencyStamp, draft.Text, agent);
        var approved = (await _app.Get<DraftingService>().GetCurrentAsync(draft.TicketId))!;
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, approved).Add(c => c.TicketId, draft.TicketId).Add(c => c.CanApprove, true));

        Assert.Contains("Send another reply", panel.Find("button[data-testid=write-own]").TextContent);
        panel.Find("button[data-testid=write-own]").Click();
        panel.Find("textarea[data-testid=own-text]").Input("PS: the spare filter ships separately.");
        BrowserShows("own-text", "PS: the spare filter ships separately.");
        await panel.Find("button[data-testid=send-own]").ClickAsync(new());

        await using var db = _app.Db();
        Assert.Equal(2, await db.Outbox.CountAsync(o => o.TicketId == draft.TicketId));
    }

    [Fact]
    public async Task UnbackedCommitments_AreListed_AndNeedASecondDeliberateClick_CtrlEnterNeverSends()
    {
        // Issue 18.1: a promise no passage backs (here a refund and an amount) blocks one-key approval.
        var created = await NewDraftAsync("Where is my money?");
        const string text = "Your refund of €500 has been approved.";
        await using (var db = _app.Db())
            await db.Drafts.Where(d => d.Id == created.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Text, text)
                .SetProperty(d => d.Commitments, "[{\"text\":\"refund of €500 has been approved\",\"reason\":\"promises a refund or return\"},{\"text\":\"€500\",\"reason\":\"names an amount\"}]"));
        var draft = (await _app.Get<DraftingService>().GetCurrentAsync(created.TicketId))!;
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.TicketId, draft.TicketId).Add(c => c.CanApprove, true));
        BrowserShows("draft-text", text);

        Assert.Contains("promises a refund or return", panel.Find("[data-testid=commitments]").TextContent);
        Assert.Single(panel.FindAll("textarea[data-testid=draft-text]")); // the agent can still edit the promise away
        await panel.Find("textarea[data-testid=draft-text]").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter", CtrlKey = true });
        // Ctrl+Enter (like a first click on Approve) only turns the button into the deliberate confirmation.
        await using (var db = _app.Db()) Assert.False(await db.Approvals.AnyAsync(a => a.DraftId == draft.Id));
        Assert.Empty(panel.FindAll("button[data-testid=approve]"));

        await panel.Find("button[data-testid=confirm-commitments]").ClickAsync(new());

        await using var check = _app.Db();
        Assert.True(await check.Approvals.AnyAsync(a => a.DraftId == draft.Id));
    }

    [Fact]
    public async Task Approve_IsDisabledForAnEmptyReply()
    {
        var draft = await NewDraftAsync("How do I replace the filter?");
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.TicketId, draft.TicketId).Add(c => c.CanApprove, true));

        Assert.False(panel.Find("button[data-testid=approve]").HasAttribute("disabled"));
        panel.Find("textarea[data-testid=draft-text]").Input("   ");
        Assert.True(panel.Find("button[data-testid=approve]").HasAttribute("disabled"));
    }

    [Fact]
    public void Preview_RendersMarkdownButNeverScript()
    {
        var preview = Render<MarkdownPreview>(p => p.Add(c => c.Text, "**Bold** <script>alert(1)</script> [x](javascript:alert(2))"));

        Assert.Equal("Bold", preview.Find("[data-testid=preview] strong").TextContent);
        Assert.Empty(preview.FindAll("script"));
        Assert.DoesNotContain("javascript:", preview.Markup);
    }

    [Fact]
    public void ReplyEditor_PreviewTab_ShowsTheEditedText_AndWriteKeepsIt()
    {
        var text = "Reset it **twice**.";
        var editor = Render<ReplyEditor>(p => p.Add(c => c.Text, text).Add(c => c.TestId, "draft-text")
            .Add(c => c.TextChanged, (string t) => { text = t; }));

        editor.Find("textarea[data-testid=draft-text]").Input("Reset it **three times**.");
        editor.Render(p => p.Add(c => c.Text, text)); // the parent's @bind hands the edit back
        editor.Find("button[data-testid=draft-text-preview-tab]").Click();

        Assert.Equal("three times", editor.Find("[data-testid=preview] strong").TextContent);
        Assert.Empty(editor.FindAll("textarea"));
        Assert.Equal("true", editor.Find("button[data-testid=draft-text-preview-tab]").GetAttribute("aria-selected"));

        editor.Find("button[data-testid=draft-text-write-tab]").Click();
        Assert.Equal("Reset it **three times**.", editor.Find("textarea[data-testid=draft-text]").GetAttribute("value") ?? editor.Find("textarea").TextContent);
        Assert.Equal("false", editor.Find("button[data-testid=draft-text-preview-tab]").GetAttribute("aria-selected"));
    }

    [Fact]
    public async Task Preview_ShowsWhatTheCustomerReceives_MarkersOut_AndTheQueuesSignatureIn()
    {
        var draft = await NewDraftAsync("How do I replace the filter?");
        Assert.Contains("[1]", draft.Text);
        await using (var db = _app.Db())
            await db.Tickets.Where(t => t.Id == draft.TicketId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Queue, "Signature preview queue"));
        await _app.Get<Signatures>().SaveAsync(Signatures.OfQueue("Signature preview queue"), "{agent}\nThe preview team", SupportCopilot.Core.Audit.Actor.System);
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.TicketId, draft.TicketId).Add(c => c.CanApprove, true));

        panel.Find("button[data-testid=draft-text-preview-tab]").Click();

        // The copy style (signature) loads asynchronously: on a loaded machine that takes longer than bUnit's 1 s default,
        // and once (2026-12-06, browser tests writing to the same SQLite database meanwhile) longer than 15 s.
        panel.WaitForAssertion(() => Assert.Contains("your signature added", panel.Find("[data-testid=draft-text-preview-note]").TextContent), TimeSpan.FromSeconds(45));
        var shown = panel.Find("[data-testid=preview]").TextContent;
        Assert.Contains("The preview team", shown);
        Assert.DoesNotContain("[1]", shown);
        await using var users = _app.Db();
        var agentName = (await users.Users.SingleAsync(u => u.Email == "agent@demo.local")).DisplayName;
        Assert.Contains(agentName, shown);
    }

    private async Task<Draft> NewDraftAsync(string body)
    {
        var ticket = await _app.Get<TicketService>().CreateAsync(new NewTicket("Question", body, "cust@example.com", "Cust"));
        return (await _app.Get<DraftingService>().EnsureDraftAsync(ticket.Id))!;
    }
}
