using System.Text;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Drafting.Guards;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Drafting;

public class PiiRedactorTests
{
    [Fact]
    public void Redact_ReplacesEachKindAndRestoreBringsItBack()
    {
        var map = new PiiMap();
        var text = "Mail kim.lee@example.com or call +49 30 1234 5678. Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00. Again kim.lee@example.com.";

        var redacted = new PiiRedactor().Redact(text, map);

        Assert.Equal("Mail [EMAIL_1] or call [PHONE_1]. Card [CARD_1], IBAN [IBAN_1]. Again [EMAIL_1].", redacted);
        Assert.Equal(text, map.Restore(redacted));
    }

    [Theory]
    [InlineData("Order 4111 1111 1111 1112 arrived")] // fails Luhn: an order number, not a card
    [InlineData("IBAN DE00 3704 0044 0532 0130 00 looks wrong")] // fails mod 97
    [InlineData("Model AP3-2041 runs at 300 m3/h since 2026")]
    public void Redact_LeavesLookalikesAlone(string text) => Assert.Equal(text, new PiiRedactor().Redact(text, new PiiMap()));

    [Fact]
    public void Redact_ConfiguredPattern()
    {
        var map = new PiiMap();
        Assert.Equal("Customer [CUSTOMER_1] called", new PiiRedactor(new Dictionary<string, string> { ["customer"] = @"CU-\d{6}" }).Redact("Customer CU-123456 called", map));
        Assert.Equal("CU-123456", map["[CUSTOMER_1]"]);
    }

    [Fact]
    public async Task ModelNeverSeesTheCustomersDetails_TheAgentsDraftHasThemBack()
    {
        await using var ollama = await FakeOllama.StartAsync();
        ollama.ChatReply = _ => "Hi [NAME], about your order [ORDER_1]: hold the Filter button for five seconds [1].";
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Models:Chat:0:Provider"] = "Ollama", ["Models:Chat:0:Endpoint"] = ollama.Url.ToString(), ["Models:Chat:0:Model"] = "qwen2.5",
            ["Drafting:Pii:Patterns:ORDER"] = @"ORD-\d{4}",
        });
        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes("# Filter reset\n\nHold the Filter button for five seconds until you hear a long beep."));
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("Filter reset",
            "How do I reset the filter? Which button, how long? Order ORD-6543. Reach me at kim.lee@example.com or +49 30 1234 5678. Card 4111 1111 1111 1111.", "kim.lee@example.com", "Kim"));

        var draft = (await host.Get<DraftingService>().EnsureDraftAsync(ticket.Id))!;

        var sent = Assert.Single(ollama.ChatRequests).ToJsonString();
        foreach (var secret in new[] { "kim.lee@example.com", "1234 5678", "4111 1111 1111 1111", "ORD-6543" }) Assert.DoesNotContain(secret, sent);
        Assert.Contains("[EMAIL_1]", sent);
        Assert.Equal((DraftKind.Model, "Hi [NAME], about your order ORD-6543: hold the Filter button for five seconds [1]."), (draft.Kind, draft.Text));
    }
}
