using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportCopilot.Eval;

/// <summary>A past ticket with the answer an agent actually sent.</summary>
internal sealed record ReplayTicket(string Id, string Subject, string Body, string Answer, string? Queue, string? Language)
{
    /// <summary>
    /// Reads one object per line (<c>id, subject, body, answer, labels{queue, language}</c> — tickets-multilang-dev) or an
    /// eShopSupport <c>tickets.json</c> array (subject: ShortSummary; body: the first customer message; answer: the first
    /// support message after it; queue: TicketType; language: en). Rows without body or answer are skipped.
    /// </summary>
    public static List<ReplayTicket> ReadAll(string path)
    {
        var text = File.ReadAllText(path).TrimStart('\uFEFF');
        var nodes = text.TrimStart().StartsWith('[')
            ? JsonNode.Parse(text)!.AsArray().Select(n => n!.AsObject()).ToList()
            : text.Split('\n').Where(l => l.Trim().Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        return nodes.Select(n => n["Messages"] is JsonArray messages ? FromEShop(n, messages) : FromRow(n))
            .Where(t => t is not null && t.Body.Length > 0 && t.Answer.Length > 0).Select(t => t!).ToList();
    }

    private static ReplayTicket FromRow(JsonObject n)
    {
        var labels = n["labels"] as JsonObject;
        string? Get(string name) => (n[name] ?? labels?[name]) is JsonValue v ? v.ToString() : null;
        return new ReplayTicket(Get("id") ?? "", Get("subject") ?? "", Get("body") ?? "", Get("answer") ?? "", Get("queue") ?? Get("category"), Get("language"));
    }

    private static ReplayTicket? FromEShop(JsonObject n, JsonArray messages)
    {
        var list = messages.Select(m => m!.AsObject()).ToList();
        var first = list.FindIndex(m => m["IsCustomerMessage"]?.GetValue<bool>() == true);
        var reply = first < 0 ? -1 : list.FindIndex(first + 1, m => m["IsCustomerMessage"]?.GetValue<bool>() == false);
        if (reply < 0) return null;
        return new ReplayTicket(n["TicketId"]!.ToString(), n["ShortSummary"]?.ToString() ?? "", list[first]["Text"]?.ToString() ?? "",
            list[reply]["Text"]?.ToString() ?? "", n["TicketType"]?.ToString(), "en");
    }

    /// <summary>The fixed split: a ticket whose id's trailing number is divisible by 5 is a test ticket ("ml4-10", 15).</summary>
    public static bool IsTest(ReplayTicket t)
    {
        var digits = new string(t.Id.Reverse().TakeWhile(char.IsDigit).Reverse().ToArray());
        return digits.Length > 0 && long.Parse(digits[^Math.Min(digits.Length, 18)..], System.Globalization.CultureInfo.InvariantCulture) % 5 == 0;
    }

    /// <summary>The history as the product imports labelled tickets (one JSON object per line, with the answer).</summary>
    public static byte[] ToImport(IEnumerable<ReplayTicket> history) =>
        System.Text.Encoding.UTF8.GetBytes(string.Join('\n', history.Select(t => JsonSerializer.Serialize(new
        {
            id = t.Id, subject = t.Subject, body = t.Body, answer = t.Answer, queue = t.Queue, language = t.Language,
        }))));
}
