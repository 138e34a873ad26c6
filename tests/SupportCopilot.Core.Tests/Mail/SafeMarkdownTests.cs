using SupportCopilot.Core.Mail;

namespace SupportCopilot.Core.Tests.Mail;

public class SafeMarkdownTests
{
    [Theory]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("<script>alert(1)</script>", "<script>")]
    [InlineData("![x](data:text/html;base64,PHNjcmlwdD4=)", "data:")]
    public void DangerousMarkup_IsEscapedOrStripped(string markdown, string mustNotAppear) =>
        Assert.DoesNotContain(mustNotAppear, SafeMarkdown.ToHtml(markdown));

    [Fact]
    public void OrdinaryMarkdown_KeepsFormattingAndSafeLinks()
    {
        var html = SafeMarkdown.ToHtml("**Bold** and [guide](https://example.com/guide) and <mailto:help@example.com>");
        Assert.Contains("<strong>Bold</strong>", html);
        Assert.Contains("href=\"https://example.com/guide\"", html);
        Assert.Contains("href=\"mailto:help@example.com\"", html);
    }

    [Fact]
    public void RemoteImages_NeverBecomeImages_InHtmlOrInTheDraftText()
    {
        // Issue 21.10: a customer's tracking pixel reached the draft, the agent's preview fetched it, the mail kept it.
        var markdown = "Thanks! ![pixel](https://evil.example/pixel.png) See ![the dial](http://evil.example/a.png \"t\") too.";

        var html = SafeMarkdown.ToHtml(markdown);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("evil.example", html);
        Assert.Contains("pixel", html); // the alt text stays as text

        Assert.Equal("Thanks! pixel See the dial too.", SafeMarkdown.StripImages(markdown));
        Assert.Equal("No images [a link](https://example.com) here.", SafeMarkdown.StripImages("No images [a link](https://example.com) here."));
    }

    [Fact]
    public void LinesTypedOnePerLine_StayOnePerLine_InTheHtml()
    {
        var html = SafeMarkdown.ToHtml("Thanks for waiting.\n\nAlex Agent\nNimbus Home Support\n+1 555 0100");

        Assert.Contains("Alex Agent<br />\nNimbus Home Support<br />\n+1 555 0100", html);
    }
}
