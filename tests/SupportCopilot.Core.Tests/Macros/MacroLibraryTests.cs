using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Macros;

namespace SupportCopilot.Core.Tests.Macros;

/// <summary>Issue 20.4: canned replies with placeholders, per language, searchable, counted.</summary>
public class MacroLibraryTests
{
    private static readonly Actor Admin = new("admin-id", "Ada Admin");

    [Fact]
    public async Task Search_FindsByNameOrText_InTheTicketsLanguageAndAnyLanguage()
    {
        await using var host = await TestHost.StartAsync();
        var macros = host.Get<MacroLibrary>();
        Assert.Null(await macros.SaveAsync(null, "Refund timeline", "en", "Refunds reach your card within 3 to 10 business days.", Admin));
        Assert.Null(await macros.SaveAsync(null, "Rückerstattung", "de", "Die Erstattung dauert 3 bis 10 Werktage.", Admin));
        Assert.Null(await macros.SaveAsync(null, "Order number", null, "Could you send us your order number (NH-…)?", Admin));

        Assert.Equal(["Order number", "Refund timeline"], (await macros.SearchAsync(null, "en")).Select(m => m.Name));
        Assert.Equal(["Order number", "Rückerstattung"], (await macros.SearchAsync("", "de")).Select(m => m.Name));
        Assert.Equal(["Refund timeline"], (await macros.SearchAsync("BUSINESS days", "en")).Select(m => m.Name)); // the text, any case
        Assert.Equal(3, (await macros.SearchAsync(null, null)).Count);
    }

    [Fact]
    public async Task Use_FillsThePlaceholders_AndCountsTheUse_ForTheDashboard()
    {
        await using var host = await TestHost.StartAsync();
        var macros = host.Get<MacroLibrary>();
        await macros.SaveAsync(null, "Hello", null, "Hi {customer.firstName}, about #{ticket.id} ({ticket.subject}): on it. {agent.name}", Admin);
        var id = (await macros.SearchAsync("Hello", null)).Single().Id;

        var text = await macros.UseAsync(id, new MacroContext(42, "Filter light", "Robin Meyer", "robin@example.com", "Alex Agent"), "agent-id");
        await macros.UseAsync(id, new MacroContext(43, "Other", null, "x@example.com", "Alex Agent"), "agent-id");

        Assert.Equal("Hi Robin, about #42 (Filter light): on it. Alex Agent", text);
        var usage = await macros.UsageAsync(DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddHours(1));
        Assert.Equal(("Hello", (string?)null, 2), Assert.Single(usage));
        Assert.Empty(await macros.UsageAsync(DateTime.UtcNow.AddDays(-3), DateTime.UtcNow.AddDays(-2)));
    }

    [Fact]
    public void ACustomerWithoutAName_IsGreetedByNothing_NotByTheirAddress()
    {
        Assert.Equal("Hi ,", MacroLibrary.Fill("Hi {customer.firstName},", new MacroContext(1, "s", null, "robin@example.com", "A")));
    }

    [Theory]
    [InlineData("", "en", "Text", "Give the macro a name")]
    [InlineData("Name", "en", " ", "text is empty")]
    [InlineData("Name", "english", "Text", "two-letter code")]
    [InlineData("Name", "en", "Hi {custmer.name}", "Unknown placeholder {custmer.name}")]
    public async Task InvalidMacros_AreRefusedWithAReason(string name, string language, string body, string reason)
    {
        await using var host = await TestHost.StartAsync();
        Assert.Contains(reason, await host.Get<MacroLibrary>().SaveAsync(null, name, language, body, Admin));
    }

    [Fact]
    public async Task SameNameAndLanguage_IsRefused_EditAndDeleteAreAudited()
    {
        await using var host = await TestHost.StartAsync();
        var macros = host.Get<MacroLibrary>();
        await macros.SaveAsync(null, "Hello", "en", "Hi!", Admin);
        Assert.Contains("exists for en already", await macros.SaveAsync(null, "Hello", "en", "Hello!", Admin));
        Assert.Null(await macros.SaveAsync(null, "Hello", "de", "Hallo!", Admin)); // another language is another macro

        var id = (await macros.SearchAsync("Hi!", "en")).Single().Id;
        Assert.Null(await macros.SaveAsync(id, "Hello", "en", "Hi there!", Admin));
        Assert.True(await macros.DeleteAsync(id, Admin));
        Assert.False(await macros.DeleteAsync(id, Admin));

        await using var db = host.Db();
        Assert.Equal([AuditActions.MacroAdded, AuditActions.MacroAdded, AuditActions.MacroChanged, AuditActions.MacroDeleted],
            await db.AuditEntries.Where(a => a.Action.StartsWith("macro.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }
}
