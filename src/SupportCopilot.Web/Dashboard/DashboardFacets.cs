namespace SupportCopilot.Web.Dashboard;

/// <summary>Values the dashboard filters offer.</summary>
public sealed record DashboardFacets(IReadOnlyList<string> Categories, IReadOnlyList<string> Queues, IReadOnlyList<string> Models,
    IReadOnlyList<string> Prompts, IReadOnlyList<(string Id, string Name)> Agents)
{
    public static readonly DashboardFacets Empty = new([], [], [], [], []);
}
