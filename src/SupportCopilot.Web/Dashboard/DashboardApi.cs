using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportCopilot.Core.Dashboard;
using SupportCopilot.Web.Security;

namespace SupportCopilot.Web.Dashboard;

/// <summary>
/// GET /api/dashboard/summary for BI tools (API key scope metrics:read, or a signed-in manager/admin) and the CSV
/// export behind every dashboard table. Both compute through the same DashboardService as the page.
/// </summary>
public static class DashboardApi
{
    public static WebApplication MapDashboardApi(this WebApplication app)
    {
        app.MapGet("/api/dashboard/summary", SummaryAsync).RequireAuthorization(ApiPolicies.MetricsRead);
        app.MapGet("/dashboard/export/{table}.csv", ExportAsync).RequireAuthorization(ApiPolicies.MetricsRead);
        return app;
    }

    private static async Task<Results<Ok<object>, ValidationProblem>> SummaryAsync(HttpRequest request, DashboardService dashboard, TimeProvider clock, CancellationToken ct)
    {
        var (q, errors) = DashboardQueries.Parse(request.Query, clock);
        if (q is null) return TypedResults.ValidationProblem(errors);
        var m = await dashboard.MetricsAsync(q, ct);
        return TypedResults.Ok<object>(new
        {
            from = q.From, to = q.To, timeZone = q.Zone.Id,
            m.Tickets, m.Replied, m.DraftsShown, m.DraftsApproved, m.DraftsRejected, m.AcceptanceRate,
            m.ApprovedUnchanged, m.ApprovedLightEdit, m.ApprovedHeavyEdit, m.Deflected, m.DeflectionPending, m.DeflectionRate,
            m.MedianFirstResponseMinutes, m.MedianFirstResponseMinutesAi, m.MedianFirstResponseMinutesManual,
            m.MedianHandlingMinutesAi, m.MedianHandlingMinutesManual, m.HoursSaved, m.AssumedManualHandlingMinutes, m.AssumptionSource,
            m.RejectionReasons, m.Fallbacks,
        });
    }

    private static async Task<IResult> ExportAsync(string table, HttpRequest request, DashboardService dashboard, TimeProvider clock, CancellationToken ct)
    {
        var (q, errors) = DashboardQueries.Parse(request.Query, clock);
        if (q is null) return TypedResults.ValidationProblem(errors);
        var m = await dashboard.MetricsAsync(q, ct);
        var csv = new StringBuilder();
        void Row(params object?[] cells) => csv.AppendLine(string.Join(",", cells.Select(Cell)));
        static void Splits(Action<object?[]> row, string key, IEnumerable<Split> rows)
        {
            row([key, "shown", "approved", "rejected", "acceptance_rate"]);
            foreach (var r in rows) row([r.Key, r.Shown, r.Approved, r.Rejected, r.AcceptanceRate]);
        }
        switch (table)
        {
            case "summary":
                Row("metric", "value");
                foreach (var (k, v) in new (string, object?)[]
                {
                    ("tickets", m.Tickets), ("replied", m.Replied), ("drafts_shown", m.DraftsShown), ("drafts_approved", m.DraftsApproved),
                    ("drafts_rejected", m.DraftsRejected), ("acceptance_rate", m.AcceptanceRate), ("deflected", m.Deflected), ("deflection_rate", m.DeflectionRate),
                    ("hours_saved", m.HoursSaved), ("median_first_response_minutes", m.MedianFirstResponseMinutes),
                }) Row(k, v);
                break;
            case "days":
                Row("day", "tickets", "replied", "deflected", "drafts_shown", "drafts_approved", "rejected");
                foreach (var d in m.Days) Row(d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Tickets, d.Replied, d.Deflected, d.DraftsShown, d.DraftsApproved, d.Rejected);
                break;
            case "categories": Splits(c => Row(c), "category", m.ByCategory); break;
            case "models": Splits(c => Row(c), "model", m.ByModel); break;
            case "prompts": Splits(c => Row(c), "prompt_version", m.ByPromptVersion); break;
            case "agents":
                // Names beside ids: a manager reads names; the id keeps rows apart when two agents share one.
                var names = (await dashboard.FacetsAsync(ct)).Agents.ToDictionary(a => a.Id, a => a.Name);
                Row("agent_id", "agent_name", "decided", "approved", "rejected", "acceptance_rate");
                foreach (var r in m.ByAgent) Row(r.Key, names.GetValueOrDefault(r.Key), r.Shown, r.Approved, r.Rejected, r.AcceptanceRate);
                break;
            case "rejections":
                Row("reason", "count");
                foreach (var (k, v) in m.RejectionReasons) Row(k, v);
                break;
            case "gaps":
                Row("category", "tickets", "top_terms", "example_ticket_ids");
                foreach (var g in await dashboard.GapsAsync(q, ct)) Row(g.Category, g.Tickets, string.Join(" ", g.TopTerms), string.Join(" ", g.Examples.Select(e => e.Id)));
                break;
            case "documents":
                Row("document_id", "file_name", "citations");
                foreach (var d in await dashboard.DocumentUseAsync(q, ct)) Row(d.DocumentId, d.FileName, d.Citations);
                break;
            default:
                return TypedResults.NotFound();
        }
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"{table}-{q.From:yyyyMMdd}-{q.To:yyyyMMdd}.csv");
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs a cell as a formula.</summary>
    public static string Cell(object? value)
    {
        var s = value switch { null => "", double d => d.ToString(CultureInfo.InvariantCulture), IFormattable f => f.ToString(null, CultureInfo.InvariantCulture), _ => value.ToString() ?? "" };
        if (s.Length > 0 && "=+-@".Contains(s[0]) && value is string) s = "'" + s;
        return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
    }
}
