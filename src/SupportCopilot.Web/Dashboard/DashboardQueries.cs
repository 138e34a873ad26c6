using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using SupportCopilot.Core.Dashboard;

namespace SupportCopilot.Web.Dashboard;

/// <summary>The one place a dashboard question becomes a query string and back: the page, the CSV links and the API agree on it.</summary>
public static class DashboardQueries
{
    public const int MaxDays = 366;

    public static string ToQueryString(DashboardQuery q)
    {
        var values = new Dictionary<string, string?>
        {
            ["from"] = q.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["to"] = q.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["tz"] = q.Zone.Id, ["category"] = q.Filter.Category, ["queue"] = q.Filter.Queue, ["agent"] = q.Filter.AgentId,
            ["model"] = q.Filter.Model, ["promptVersion"] = q.Filter.PromptVersion,
        };
        return QueryHelpers.AddQueryString("", values.Where(v => !string.IsNullOrEmpty(v.Value))).TrimStart('?');
    }

    /// <summary>Parses and validates; returns field errors (keyed like the query parameters) instead of guessing.</summary>
    public static (DashboardQuery? Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection query, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        DateOnly Date(string key, DateOnly fallback)
        {
            var raw = query[key].ToString();
            if (string.IsNullOrEmpty(raw)) return fallback;
            if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors[key] = [$"'{raw}' is not a date; use YYYY-MM-DD."];
            return fallback;
        }
        var to = Date("to", today);
        var from = Date("from", to.AddDays(-29));
        if (from > to) errors["from"] = ["'from' must not be after 'to'."];
        else if (to.DayNumber - from.DayNumber >= MaxDays) errors["to"] = [$"The range may span at most {MaxDays} days."];
        var zone = TimeZoneInfo.Utc;
        var tz = query["tz"].ToString();
        if (!string.IsNullOrEmpty(tz) && !TimeZoneInfo.TryFindSystemTimeZoneById(tz, out zone!)) errors["tz"] = [$"'{tz}' is not a known time zone (IANA id, e.g. Europe/Berlin)."];
        string? Opt(string key) => string.IsNullOrWhiteSpace(query[key]) ? null : query[key].ToString().Trim();
        var filter = new MetricFilter(Opt("category"), Opt("queue"), Opt("agent"), Opt("model"), Opt("promptVersion"));
        return errors.Count > 0 ? (null, errors) : (new DashboardQuery(from, to, zone ?? TimeZoneInfo.Utc, filter), errors);
    }
}
