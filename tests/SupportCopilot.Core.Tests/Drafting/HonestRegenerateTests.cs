using System.Text;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Drafting;

/// <summary>Issue 17.5: without a model, Regenerate takes the next best evidence, and an instruction is refused, not ignored.</summary>
public class HonestRegenerateTests
{
    private const string Guide = "# Filter guide\n\n## Replacing the filter\n\nOpen the back cover and pull the old filter out, then insert the new filter.\n\n" +
                                 "## Filter life\n\nThe filter lasts about nine months; replace the filter when the Filter button glows red.\n\n" +
                                 "## Washing the filter\n\nNever wash the filter: water destroys its layers, so replace the filter instead.";

    private static async Task<(Ticket, DraftingService)> TicketAsync(TestHost host)
    {
        await host.IngestAsync("filters.md", Encoding.UTF8.GetBytes(Guide));
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("Replace filter", "How and when do I replace the filter?", "dana@example.com", "Dana"));
        return (ticket, host.Get<DraftingService>());
    }

    [Fact]
    public async Task Regenerate_WithoutAModel_QuotesAPassageTheEarlierVersionsDidNot()
    {
        await using var host = await TestHost.StartAsync();
        var (ticket, drafting) = await TicketAsync(host);

        var first = (await drafting.EnsureDraftAsync(ticket.Id))!;
        var second = (await drafting.RegenerateAsync(ticket.Id))!;

        // The first version may quote two close sections; the next quotes what neither did.
        var (before, after) = (first.Citations.Select(c => c.ChunkId).ToList(), second.Citations.Select(c => c.ChunkId).ToList());
        Assert.NotEmpty(before);
        Assert.NotEmpty(after);
        Assert.Empty(before.Intersect(after));
        Assert.NotEqual(first.Text, second.Text);
    }

    [Fact]
    public async Task Regenerate_WhenEveryPassageWasQuoted_SaysNothingElseFits_InsteadOfRepeating()
    {
        await using var host = await TestHost.StartAsync();
        var (ticket, drafting) = await TicketAsync(host);
        await drafting.EnsureDraftAsync(ticket.Id);
        for (var i = 0; i < 3; i++) await drafting.RegenerateAsync(ticket.Id);

        var last = (await drafting.RegenerateAsync(ticket.Id))!;

        Assert.Equal(DraftKind.Escalation, last.Kind);
        Assert.Contains("could not find a reliable answer", last.Text);
    }

    [Fact]
    public async Task AnInstruction_WithoutAModel_IsRefusedWithAReason_AndNoVersionIsAdded()
    {
        await using var host = await TestHost.StartAsync();
        var (ticket, drafting) = await TicketAsync(host);
        await drafting.EnsureDraftAsync(ticket.Id);

        var refused = await Assert.ThrowsAsync<InstructionNeedsModelException>(() => drafting.RegenerateAsync(ticket.Id, "Shorter, please."));

        Assert.Contains("need a language model", refused.Message);
        await using var db = host.Db();
        Assert.Equal(1, await db.Drafts.CountAsync(d => d.TicketId == ticket.Id));
    }
}
