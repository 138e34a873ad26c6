using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Tickets;

/// <summary>Issue 20.2: the SLA as a countdown with overdue and at-risk states.</summary>
public class SlaClockTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(-35, 8 * 60, "overdue by 35 min", SlaState.Overdue)]
    [InlineData(-26 * 60, 24 * 60, "overdue by 26 h", SlaState.Overdue)]
    [InlineData(120, 8 * 60, "due in 2 h", SlaState.AtRisk)]              // a quarter of an 8-hour window
    [InlineData(150, 8 * 60, "due in 2 h 30 min", SlaState.OnTrack)]
    [InlineData(20, 2 * 60, "due in 20 min", SlaState.AtRisk)]
    [InlineData(3 * 60, 72 * 60, "due in 3 h", SlaState.OnTrack)]          // a long window is at risk only in its last 2 h
    [InlineData(90, 72 * 60, "due in 1 h 30 min", SlaState.AtRisk)]
    [InlineData(3 * 24 * 60 + 4 * 60, 100 * 60, "due in 3 d 4 h", SlaState.OnTrack)]
    public void OpenTicket_CountsDown(int minutesLeft, int windowMinutes, string text, SlaState state)
    {
        var due = Now.AddMinutes(minutesLeft);
        Assert.Equal((text, state), SlaClock.Describe(due, due.AddMinutes(-windowMinutes), TicketStatus.Open, Now));
    }

    [Theory]
    [InlineData(TicketStatus.Replied)]
    [InlineData(TicketStatus.Resolved)]
    public void AnsweredTickets_AndTicketsWithoutAnSla_DoNotRunAgainstIt(TicketStatus status)
    {
        Assert.Equal(("—", SlaState.None), SlaClock.Describe(Now.AddMinutes(-5), Now.AddHours(-9), status, Now));
        Assert.Equal(("—", SlaState.None), SlaClock.Describe(null, Now, TicketStatus.Open, Now));
    }
}
