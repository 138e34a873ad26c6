using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Web.Tests.Tickets;

/// <summary>The ticket page as the server first sends it, before the circuit is interactive.</summary>
[Collection(AppCollection.Name)]
public class TicketPagePrerenderTests(AppFactory app)
{
    [Fact]
    public async Task ReplyEditor_IsDisabledUntilTheCircuitIsInteractive()
    {
        // Text typed into the prerendered page was replaced when the circuit started (issue 21, 5 of 16 trials).
        var ticket = await app.Get<TicketService>().CreateAsync(new NewTicket("Filter light", "How do I reset the filter light?", "pre@example.com", "Pre"));
        await app.Get<DraftingService>().EnsureDraftAsync(ticket.Id);
        using var client = await app.SignedInClientAsync("agent@demo.local");

        var html = await client.GetStringAsync($"/tickets/{ticket.Id}");

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var editor = page.QuerySelector("textarea[data-testid=draft-text]");
        Assert.NotNull(editor);
        Assert.True(editor.HasAttribute("disabled"));
        // and so are the buttons: a click on Approve before the circuit started went nowhere, silently
        foreach (var id in new[] { "approve", "approve-next", "reject", "regenerate" })
            Assert.True(page.QuerySelector($"button[data-testid={id}]")?.HasAttribute("disabled"), id);
    }
}
