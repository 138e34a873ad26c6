using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Dashboard;

/// <summary>Counts over a [from, to) UTC range, as defined in docs: acceptance = drafts approved / drafts shown.</summary>
public sealed record DashboardSummary(int Tickets, int Replied, int DraftsShown, int DraftsApproved, double? AcceptanceRate,
    int ApprovedUnchanged, int ApprovedLightEdit, int ApprovedHeavyEdit);

public sealed class DashboardService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<DashboardSummary> SummaryAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tickets = await db.Tickets.CountAsync(t => t.CreatedAt >= fromUtc && t.CreatedAt < toUtc, ct);
        var replied = await db.Tickets.CountAsync(t => t.CreatedAt >= fromUtc && t.CreatedAt < toUtc
            && db.TicketMessages.Any(m => m.TicketId == t.Id && m.Author == Tickets.MessageAuthor.Agent), ct);
        var shown = await db.Drafts.CountAsync(d => d.ShownAt >= fromUtc && d.ShownAt < toUtc, ct);
        var ratios = await db.Approvals.Where(a => a.ApprovedAt >= fromUtc && a.ApprovedAt < toUtc).Select(a => a.EditRatio).ToListAsync(ct);
        var unchanged = ratios.Count(r => r == 0);
        var light = ratios.Count(r => r > 0 && r < EditDistance.LightEditBelow);
        return new DashboardSummary(tickets, replied, shown, ratios.Count,
            shown == 0 ? null : Math.Round((double)ratios.Count / shown, 4),
            unchanged, light, ratios.Count - unchanged - light);
    }
}
