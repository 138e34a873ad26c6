using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Tickets;

public class NewTicketTests
{
    [Fact]
    public void Validate_CompleteTicket_HasNoErrors() =>
        Assert.Empty(new NewTicket("Subject", "Body", "a@example.com", "A", "X-1", "email").Validate());

    [Fact]
    public void Validate_EmptyTicket_NamesEveryRequiredField() =>
        Assert.Equal(["body", "customerEmail", "subject"], new NewTicket(null, " ", "").Validate().Keys.Order());

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("Dana <dana@example.com>")]
    [InlineData("a@")]
    public void Validate_BadEmail_IsAFieldError(string email) =>
        Assert.Contains("customerEmail", new NewTicket("s", "b", email).Validate().Keys);

    [Fact]
    public void Validate_UnknownChannelAndLongSubject_AreFieldErrors()
    {
        var errors = new NewTicket(new string('x', 501), "b", "a@example.com", Channel: "fax").Validate();
        Assert.Equal(["channel", "subject"], errors.Keys.Order());
    }

    [Fact]
    public async Task Create_StoresTicketWithFirstCustomerMessage()
    {
        await using var host = await TestHost.StartAsync();
        var created = await host.Get<TicketService>().CreateAsync(new NewTicket(" Broken fan ", "It rattles.", "a@example.com", null, "HD-7", "Email"));

        var ticket = await host.Get<TicketService>().GetAsync(created.Id);
        Assert.NotNull(ticket);
        Assert.Equal(("Broken fan", TicketChannel.Email, TicketStatus.Open, "HD-7"), (ticket.Subject, ticket.Channel, ticket.Status, ticket.ExternalId));
        var message = Assert.Single(ticket.Messages);
        Assert.Equal((MessageAuthor.Customer, "It rattles.", "a@example.com"), (message.Author, message.Body, message.AuthorName));
    }

    [Fact]
    public async Task Create_InvalidTicket_Throws()
    {
        await using var host = await TestHost.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => host.Get<TicketService>().CreateAsync(new NewTicket("", "", "")));
    }

    [Fact]
    public async Task Queue_PagesNewestFirstAndFiltersByStatus()
    {
        await using var host = await TestHost.StartAsync();
        var service = host.Get<TicketService>();
        for (var i = 0; i < 5; i++) await service.CreateAsync(new NewTicket($"T{i}", "b", "a@example.com"));

        var page = await service.QueueAsync(TicketStatus.Open, skip: 0, take: 2);
        Assert.Equal(5, page.Total);
        Assert.Equal(["T4", "T3"], page.Rows.Select(r => r.Subject));
        Assert.Equal(0, (await service.QueueAsync(TicketStatus.Resolved, 0, 10)).Total);
    }
}
