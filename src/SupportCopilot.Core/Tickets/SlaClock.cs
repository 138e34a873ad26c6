namespace SupportCopilot.Core.Tickets;

public enum SlaState { None, OnTrack, AtRisk, Overdue }

/// <summary>
/// The SLA as an agent reads it: "due in 2 h", "overdue by 35 min" — not an absolute time to subtract in one's head.
/// At risk when a quarter or less of the ticket's window is left (at most the last hour counts as at risk for a long
/// window, so a 3-day SLA is not "at risk" for 18 hours). Only open tickets run against their SLA.
/// </summary>
public static class SlaClock
{
    public static (string Text, SlaState State) Describe(DateTime? due, DateTime created, TicketStatus status, DateTime now)
    {
        if (due is not { } d || status != TicketStatus.Open) return ("—", SlaState.None);
        var left = d - now;
        if (left <= TimeSpan.Zero) return ($"overdue by {Span(-left)}", SlaState.Overdue);
        var window = d - created;
        var atRisk = left <= TimeSpan.FromTicks(Math.Min(window.Ticks / 4, TimeSpan.FromHours(2).Ticks)) || left <= TimeSpan.FromMinutes(30);
        return ($"due in {Span(left)}", atRisk ? SlaState.AtRisk : SlaState.OnTrack);
    }

    /// <summary>"45 min", "2 h", "2 h 30 min", "3 d 4 h": precise where it matters, short where it does not.</summary>
    public static string Span(TimeSpan t) =>
        t.TotalMinutes < 1 ? "less than a minute"
        : t.TotalHours < 1 ? $"{(int)t.TotalMinutes} min"
        : t.TotalHours < 10 ? (t.Minutes == 0 ? $"{(int)t.TotalHours} h" : $"{(int)t.TotalHours} h {t.Minutes} min")
        : t.TotalDays < 2 ? $"{(int)Math.Round(t.TotalHours)} h"
        : t.Hours == 0 ? $"{(int)t.TotalDays} d" : $"{(int)t.TotalDays} d {t.Hours} h";
}
