using SupportCopilot.Core.Approval;

namespace SupportCopilot.Web.Drafting;

/// <summary>The textarea as the browser reports it (see wwwroot/app.js): Text is null when over the limit asked for.</summary>
public sealed record BrowserText(bool Found, int Length, string? Text);

/// <summary>
/// What the agent's screen showed at the moment of Approve/Send. The server's copy of an editor is only as fresh as the
/// last input event that reached it: an event over the circuit's message limit, or one lost in a reconnect, leaves it
/// stale while the screen shows the agent's text. So a reply is sent only when both agree (issue 21: a long paste
/// was "approved" as the untouched draft).
/// </summary>
public sealed record SeenReply(bool Read, string? Text, int Length)
{
    public static readonly SeenReply Unread = new(false, null, 0);

    public static SeenReply From(BrowserText? seen) => seen is { Found: true } ? new(true, seen.Text, seen.Length) : Unread;

    /// <summary>Null when the server may send <paramref name="serverText"/>; otherwise why nothing was sent.</summary>
    public string? Problem(string serverText)
    {
        if (!Read) return "Your reply could not be read from the browser (the connection may have dropped). Nothing was sent; try again.";
        if (Length > ApprovalService.MaxReplyLength)
            return $"The reply has {Length:N0} characters; the limit is {ApprovalService.MaxReplyLength:N0}. Nothing was sent; shorten it first.";
        // A textarea reports line breaks as \n whatever the draft was stored with: the same visible text either way.
        if (Normalise(Text ?? "") != Normalise(serverText))
            return "The server's copy of your reply was out of date (the connection dropped while you typed). Nothing was sent. " +
                   "The editor now holds what your screen showed — check it and send again.";
        return null;
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n");
}
