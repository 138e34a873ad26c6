using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Tickets;

/// <summary>Issue 20.2: saved queue views per agent, beside the three built-ins.</summary>
public class SavedViewsTests
{
    [Fact]
    public async Task AViewSaved_ComesBackWithItsFilter_OnlyForItsOwner_AfterTheBuiltIns()
    {
        await using var host = await TestHost.StartAsync();
        var views = host.Get<SavedViews>();
        var filter = new QueueFilter { Status = TicketStatus.Open, Queue = "billing", Priority = "urgent", Search = "refund", SortBy = "sla", Descending = false };

        Assert.Null(await views.SaveAsync("kim", "  Urgent billing ", filter));

        var kims = await views.ListAsync("kim");
        Assert.Equal(["My open", "Needs human", "Overdue", "Urgent billing"], kims.Select(v => v.Name));
        Assert.Equal(filter, kims[^1].Filter);
        Assert.Equal(QueueFilter.Me, kims[0].Filter.AssignedTo);
        Assert.Equal(3, (await views.ListAsync("alex")).Count);
    }

    [Fact]
    public async Task SavingUnderAnExistingName_Overwrites_AndDeleteRemovesOnlyYourOwn()
    {
        await using var host = await TestHost.StartAsync();
        var views = host.Get<SavedViews>();
        await views.SaveAsync("kim", "Mine", new QueueFilter { Queue = "a" });
        await views.SaveAsync("kim", "Mine", new QueueFilter { Queue = "b" });
        var mine = Assert.Single(await views.ListAsync("kim"), v => v.Id is not null);
        Assert.Equal("b", mine.Filter.Queue);

        Assert.False(await views.DeleteAsync("alex", mine.Id!.Value));
        Assert.True(await views.DeleteAsync("kim", mine.Id!.Value));
        Assert.Equal(3, (await views.ListAsync("kim")).Count);
    }

    [Theory]
    [InlineData("", "Give the view a name.")]
    [InlineData("overdue", "built-in")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890", "at most 60")]
    public async Task BadNames_AreRefusedWithAReason(string name, string reason)
    {
        await using var host = await TestHost.StartAsync();
        Assert.Contains(reason, await host.Get<SavedViews>().SaveAsync("kim", name, new QueueFilter()));
    }

    [Fact]
    public async Task MoreThanTheLimit_IsRefused()
    {
        await using var host = await TestHost.StartAsync();
        var views = host.Get<SavedViews>();
        for (var i = 0; i < SavedViews.MaxViews; i++) Assert.Null(await views.SaveAsync("kim", $"View {i}", new QueueFilter()));
        Assert.Contains("delete one first", await views.SaveAsync("kim", "One more", new QueueFilter()));
        Assert.Null(await views.SaveAsync("kim", "View 3", new QueueFilter { Queue = "x" })); // overwriting still works
    }
}
