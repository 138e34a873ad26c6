using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Drafting;

public class DraftingServiceTests
{
    [Fact]
    public async Task EnsureDraft_StoresCitedExtractiveDraftWithProvenance()
    {
        await using var host = await TestHost.StartAsync();
        var (_, draft) = await Fixtures.TicketWithDraftAsync(host);

        Assert.Equal(DraftKind.Extractive, draft.Kind);
        Assert.Equal(1, draft.Version);
        Assert.Equal(ExtractiveDrafter.PromptVersion, draft.PromptVersion);
        var citation = Assert.Single(draft.Citations);
        Assert.Equal("guide.md", citation.FileName);
        Assert.Equal("Purifier guide > Replacing the filter", citation.HeadingPath);
        Assert.Contains("Insert the new filter", draft.Text);
    }

    [Fact]
    public async Task EnsureDraft_CalledConcurrently_LeavesExactlyOneDraft()
    {
        await using var host = await TestHost.StartAsync();
        var (ticket, _) = await Fixtures.TicketWithDraftAsync(host);
        await using (var db = host.Db()) await db.Drafts.ExecuteDeleteAsync();

        var drafting = host.Get<DraftingService>();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => drafting.EnsureDraftAsync(ticket.Id))));

        await using var check = host.Db();
        Assert.Equal(1, await check.Drafts.CountAsync());
        Assert.All(results, d => Assert.Equal(1, d!.Version));
    }

    [Fact]
    public async Task Regenerate_SupersedesTheProposedDraft()
    {
        await using var host = await TestHost.StartAsync();
        var (ticket, first) = await Fixtures.TicketWithDraftAsync(host);

        var second = await host.Get<DraftingService>().RegenerateAsync(ticket.Id);

        Assert.Equal(2, second!.Version);
        await using var db = host.Db();
        Assert.Equal(DraftStatus.Superseded, (await db.Drafts.SingleAsync(d => d.Id == first.Id)).Status);
    }

    [Fact]
    public async Task Worker_DraftsOnlyOpenTriagedTicketsWithoutDraft()
    {
        await using var host = await TestHost.StartAsync();
        var (ticket, _) = await Fixtures.TicketWithDraftAsync(host);
        var other = await host.Get<TicketService>().CreateAsync(new NewTicket("Night mode", "How do I dim the lights?", "a@example.com"));
        Assert.Equal(0, await host.Get<DraftingWorker>().DraftPendingAsync(CancellationToken.None)); // not triaged yet
        await host.Get<SupportCopilot.Core.Triage.TriageService>().TriageTicketAsync(other.Id);

        var drafted = await host.Get<DraftingWorker>().DraftPendingAsync(CancellationToken.None);

        Assert.Equal(1, drafted);
        Assert.NotNull(await host.Get<DraftingService>().GetCurrentAsync(other.Id));
        Assert.Single(await host.Get<DraftingService>().ListAsync(ticket.Id));
    }

    [Fact]
    public void WithinReplyLimit_CutsAnOverlongDraftAtAParagraph_AndLeavesOthersAlone()
    {
        var paragraph = string.Concat(Enumerable.Repeat("Hold the button. ", 40)).TrimEnd();
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 60)); // ~41,000 characters

        var cut = DraftingService.WithinReplyLimit(text);

        Assert.True(cut.Length <= SupportCopilot.Core.Approval.ApprovalService.MaxReplyLength, cut.Length.ToString());
        Assert.EndsWith(paragraph + "\n…", cut);
        Assert.Equal("Short.", DraftingService.WithinReplyLimit("Short."));
    }
}
