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
}
