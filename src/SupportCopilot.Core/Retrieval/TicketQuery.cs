using System.Text.RegularExpressions;

namespace SupportCopilot.Core.Retrieval;

/// <summary>
/// The part of a ticket worth searching for: subject and body without quoted history and signature,
/// which would otherwise match old answers and the customer's own footer.
/// </summary>
public static partial class TicketQuery
{
    public static string Build(string subject, string body)
    {
        var kept = new List<string>();
        foreach (var raw in body.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line == "--" || line == "-- " || QuoteHeader().IsMatch(line) || line.StartsWith("-----Original Message", StringComparison.OrdinalIgnoreCase))
                break; // everything below is signature or history
            if (line.StartsWith('>')) continue;
            kept.Add(line);
        }
        // E-mail addresses, links and long numbers (phones, cards, orders) identify the customer, not the problem.
        return Noise().Replace(subject + "\n" + string.Join("\n", kept), " ");
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+|\+?\d[\d ()./-]{5,}\d")]
    private static partial Regex Noise();

    [GeneratedRegex(@"^On .{4,200} wrote:$|^Am .{4,200} schrieb .*:$|^El .{4,200} escribió:$|^Le .{4,200} a écrit :?$", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteHeader();
}
