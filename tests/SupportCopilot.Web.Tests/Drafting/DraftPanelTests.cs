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

/// <summary>The draft panel over the real services and database of the shared app.</summary>
[Collection(AppCollection.Name)]
public class DraftPanelTests : ComponentTest
{
    private readonly AppFactory _app;

    public DraftPanelTests(AppFactory app)
    {
        _app = app;
        Services.AddSingleton(app.Get<ApprovalService>());
        Services.AddSingleton(app.Get<KnowledgeCatalog>());
        Services.AddSingleton(app.Get<CopyStyles>());
        Services.AddSingleton(app.Get<TicketService>());
        Services.AddSingleton(app.Get<Microsoft.Extensions.Options.IOptions<SupportCopilot.Core.Triage.RoutingOptions>>());
    }

    [Fact]
    public async Task Approve_AsAgent_ApprovesTheEditedTextAndRaisesOnApproved()
    {
        var draft = await NewDraftAsync("How do I reset the filter counter after replacing the filter?");
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        var approved = false;
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.CanApprove, true)
            .Add(c => c.OnApproved, () => { approved = true; }));

        panel.Find("textarea").Input("Hold the Filter button for 5 seconds.");
        BrowserShows("draft-text", "Hold the Filter button for 5 seconds.");
        await panel.Find("[data-testid=approve] button, button[data-testid=approve]").ClickAsync(new());

        Assert.True(approved);
        await using var db = _app.Db();
        var approval = await db.Approvals.SingleAsync(a => a.DraftId == draft.Id);
        Assert.Equal("Hold the Filter button for 5 seconds.", approval.FinalText);
    }

    [Fact]
    public async Task Streaming_ShowsTheTextSoFarAsText_HidesApprove_AndStopRaisesOnCancel()
    {
        var draft = await NewDraftAsync("How do I reset the filter counter after replacing the filter?");
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        var cancelled = false;
        var stream = new SupportCopilot.Core.Models.ModelProgress("qwen2.5", "Hello <b>Kim</b>, hold the", [new("llama3.1", "HTTP 500")]);
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.CanApprove, true)
            .Add(c => c.Streaming, stream).Add(c => c.OnCancel, () => { cancelled = true; }));

        Assert.Equal("Hello <b>Kim</b>, hold the", panel.Find("[data-testid=draft-stream]").TextContent); // text, never markup
        Assert.Contains("qwen2.5 is writing", panel.Find("[data-testid=draft-streaming]").TextContent);
        Assert.Contains("llama3.1 (HTTP 500)", panel.Markup);
        Assert.Empty(panel.FindAll("button[data-testid=approve]"));
        await panel.Find("button[data-testid=cancel-generation]").ClickAsync(new());
        Assert.True(cancelled);

        panel.Render(p => p.Add(c => c.Streaming, (SupportCopilot.Core.Models.ModelProgress?)null));
        Assert.Empty(panel.FindAll("[data-testid=draft-stream]"));
        Assert.False(panel.Find("button[data-testid=approve]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Panel_ForNonAgent_DisablesApproveAndSaysWhy()
    {
        var draft = await NewDraftAsync("How do I reset the filter counter?");
        await SignInAsync(_app, "admin@demo.local", Roles.Admin);

        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.CanApprove, false));

        Assert.True(panel.Find("button[data-testid=approve]").HasAttribute("disabled"));
        Assert.Contains("Only agents can approve or reject replies.", panel.Markup);
    }

    [Fact]
    public async Task Panel_ShowsCitationsAndOpensThePassage()
    {
        var draft = await NewDraftAsync("Error E2 filter missing, the fan does not start");
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);
        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.CanApprove, true));

        var chip = panel.FindAll("[data-testid=citations] .mud-chip").First(c => c.TextContent.Contains("[1]"));
        Assert.Contains(draft.Citations[0].FileName, chip.TextContent);
        await chip.ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Contains("E2", panel.Find("[data-testid=passage]").TextContent));
        Assert.Empty(panel.FindAll("[data-testid=passage] mark")); // nothing flagged, nothing marked
        // Confidence as a band; the percentage only in the tooltip.
        var chipText = panel.Find("[data-testid=draft-confidence]");
        Assert.Equal(ConfidenceBand.Label(draft), chipText.TextContent);
        Assert.DoesNotContain("%", chipText.TextContent);
        Assert.Contains("%", chipText.GetAttribute("title"));
    }

    [Fact]
    public async Task Panel_ShowsAMemoryConflictApart_FromPromptInjectionWarnings()
    {
        var draft = await NewDraftAsync("Error E2 filter missing, the fan does not start");
        draft.Flags = System.Text.Json.JsonSerializer.Serialize(new[] { Draft.ConflictFlag + "the past reply says to restart first", "ticket: order about the reply (“modify your answer”)" });
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);

        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.CanApprove, true));

        Assert.Contains("the past reply says to restart first", panel.Find("[data-testid=memory-conflict]").TextContent);
        var injection = panel.Find("[data-testid=guard-flags]").TextContent;
        Assert.Contains("order about the reply", injection);
        Assert.DoesNotContain("restart first", injection);
    }

    [Fact]
    public async Task Panel_NoAnswerInTheKnowledgeBase_SaysTheTicketIsEscalated()
    {
        var draft = await NewDraftAsync("Quarterly xylophone tournament sponsorship");
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);

        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.CanApprove, true));

        Assert.Equal(DraftKind.Escalation, draft.Kind);
        Assert.Empty(draft.Citations);
        Assert.Contains("Escalation", panel.Find("[data-testid=draft-model]").TextContent);
        Assert.Contains("It is in the Escalations queue and needs a specialist; approving this reply keeps it open there.", panel.Find("[data-testid=escalated]").TextContent);
    }

    [Fact]
    public async Task Panel_LowConfidenceModelDraft_WarnsTheAgent()
    {
        var draft = await NewDraftAsync("How do I reset the filter counter?");
        (draft.Kind, draft.Model, draft.Confidence, draft.Evidence) = (DraftKind.Model, "qwen2.5", 0.2, 0.3);
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);

        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.CanApprove, true));

        Assert.Contains("matched this ticket poorly", panel.Markup);
        Assert.Empty(panel.FindAll("[data-testid=escalated]"));
    }

    [Fact]
    public async Task Panel_QuoteBelowTheCoverageLineThatTheCalibrationTrusts_SaysLikelyRight_WithoutThePoorMatchWarning()
    {
        // A passage the subject names covers few of a long ticket's words, yet leads the ranking clearly: the chip and
        // the warning must not contradict each other.
        var draft = await NewDraftAsync("How do I reset the filter counter?");
        (draft.Confidence, draft.Evidence) = (0.29, 0.85);
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);

        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.CanApprove, true));

        Assert.Contains("likely right", panel.Find("[data-testid=draft-confidence]").TextContent);
        Assert.DoesNotContain("matched this ticket poorly", panel.Markup);
    }

    [Fact]
    public async Task Panel_ShowsTheModelsThatWereSkippedAndWhy()
    {
        var draft = await NewDraftAsync("How do I reset the filter counter?");
        draft.Fallbacks = "[{\"model\":\"llama3.1\",\"reason\":\"HTTP 500\"},{\"model\":\"mistral\",\"reason\":\"timed out after 120 s\"}]";
        await SignInAsync(_app, "agent@demo.local", Roles.Agent);

        var panel = Render<DraftPanel>(p => p.Add(c => c.Draft, draft).Add(c => c.CanApprove, true));

        Assert.Equal("Skipped: llama3.1 (HTTP 500), mistral (timed out after 120 s)", panel.Find("[data-testid=fallbacks]").TextContent.Trim());
    }

    private async Task<Draft> NewDraftAsync(string body)
    {
        var ticket = await _app.Get<TicketService>().CreateAsync(new NewTicket("Question", body, "cust@example.com", "Cust"));
        return (await _app.Get<DraftingService>().EnsureDraftAsync(ticket.Id))!;
    }
}
