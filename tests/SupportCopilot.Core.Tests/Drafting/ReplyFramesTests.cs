using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Drafting;

namespace SupportCopilot.Core.Tests.Drafting;

/// <summary>Issue 17.2: reply frames edited by admins, versioned like prompts, used by the next draft.</summary>
public class ReplyFramesTests
{
    private static readonly Actor Admin = new("admin-1", "admin@x.test");

    [Fact]
    public void Validate_RefusesEmptyTexts_TooLongOnes_AndPlaceholdersAFieldDoesNotFill()
    {
        var frame = ReplyFrame.For("en") with { Greeting = "Hello {nmae},", Closing = " ", FollowUp = new string('x', ReplyFrames.MaxField + 1) };

        var errors = ReplyFrames.Validate(frame);

        Assert.Contains("Greeting: {nmae} is not filled in here; it can use {name}.", errors);
        Assert.Contains("Closing: must not be empty.", errors);
        Assert.Contains($"FollowUp: at most {ReplyFrames.MaxField} characters.", errors);
        Assert.Equal(3, errors.Count);
        Assert.Empty(ReplyFrames.Validate(ReplyFrame.For("de")));
        Assert.All(ReplyFrame.All.Values, f => Assert.Empty(ReplyFrames.Validate(f))); // every shipped frame is valid
    }

    [Fact]
    public async Task EditedGermanFrame_IsTheNextGermanDraftsFrame_AndTheDraftRecordsItsVersion()
    {
        await using var host = await TestHost.StartAsync();
        var frames = host.Get<ReplyFrames>();
        var edited = ReplyFrame.For("de") with { Greeting = "Guten Tag {name},", Closing = "Herzliche Grüße aus Berlin" };

        var (saved, message) = await frames.SaveAsync(edited, Admin);

        Assert.True(saved, message);
        Assert.Contains("extractive-v6+de.1", message);
        var (_, draft) = await Fixtures.TicketWithDraftAsync(host, "Filter wechseln", "Wie wechsle ich den Filter in meinem Luftreiniger? Ich finde die Anleitung nicht.");
        Assert.StartsWith("Guten Tag Dana,", draft.Text);
        Assert.EndsWith("Herzliche Grüße aus Berlin", draft.Text);
        Assert.Equal("extractive-v6+de.1", draft.PromptVersion);
        // English drafts keep the shipped words and version
        var (_, english) = await Fixtures.TicketWithDraftAsync(host);
        Assert.Equal(("extractive-v6", true), (english.PromptVersion, english.Text.StartsWith("Hi Dana,", StringComparison.Ordinal)));
        await using var db = host.Db();
        Assert.Equal("reply frame de version 1", (await db.AuditEntries.SingleAsync(a => a.Target == "frame:de")).Detail);
    }

    [Fact]
    public async Task Saving_AddsVersions_NeverChangesOne_AndRefusesInvalidOrUnchangedFrames()
    {
        await using var host = await TestHost.StartAsync();
        var frames = host.Get<ReplyFrames>();

        Assert.False((await frames.SaveAsync(ReplyFrame.For("fr"), Admin)).Saved); // the shipped words are in use already
        var bad = await frames.SaveAsync(ReplyFrame.For("fr") with { Intro = "Merci pour {sujet}." }, Admin);
        Assert.False(bad.Saved);
        Assert.Contains("{sujet} is not filled in here", bad.Message);
        Assert.True((await frames.SaveAsync(ReplyFrame.For("fr") with { Closing = "Bien à vous" }, Admin)).Saved);
        Assert.True((await frames.SaveAsync(ReplyFrame.For("fr"), Admin)).Saved); // back to the shipped words: version 2

        var history = await frames.HistoryAsync("fr");
        Assert.Equal([2, 1], history.Select(v => v.Version));
        Assert.Equal("Bien à vous", ReplyFrame.FromJson(history[1].Json).Closing);
        var active = await frames.ForAsync("fr");
        Assert.Equal((2, "Cordialement", "extractive-v6+fr.2"), (active.Version, active.Frame.Closing, active.PromptVersion));
        var unknown = await frames.SaveAsync(ReplyFrame.For("en") with { Language = "xx" }, Admin);
        Assert.Equal((false, "There is no reply frame for the language \"xx\"."), unknown);
    }
}
