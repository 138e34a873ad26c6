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

    /// <summary>
    /// What the ticket asks: its subject and the body's questions (sentences ending in "?"), for <see cref="SearchRequest.Focus"/>.
    /// Null when the body asks nothing or is nothing but its questions (then the whole query already says it). A long
    /// ticket's story ("I bought it 20 months ago and the sensor seems faulty") outweighs its one question ("How long is
    /// the warranty?") in both rankings; searching the question too puts its section back in front.
    /// </summary>
    /// <param name="query">A query built by <see cref="Build"/>: the subject on the first line, the body below it.</param>
    public static string? Focus(string query)
    {
        var lines = query.Replace("\r\n", "\n").Split('\n', 2);
        if (lines.Length < 2) return null;
        var sentences = Sentence().Split(lines[1]).Select(x => x.Trim()).Where(x => x.Length > 0).ToList();
        var questions = sentences.Where(x => x.EndsWith('?') || x.EndsWith('？')).ToList();
        if (questions.Count == 0 || questions.Count == sentences.Count) return null;
        return lines[0].Trim() + "\n" + string.Join(" ", questions);
    }

    /// <summary>After a sentence's end mark, or at a line break (a question often stands on a line of its own).</summary>
    [GeneratedRegex(@"(?<=[.!?？。])\s+|\n+")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+|\+?\d[\d ()./-]{5,}\d")]
    private static partial Regex Noise();

    [GeneratedRegex(@"^On .{4,200} wrote:$|^Am .{4,200} schrieb .*:$|^El .{4,200} escribió:$|^Le .{4,200} a écrit :?$", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteHeader();
}
