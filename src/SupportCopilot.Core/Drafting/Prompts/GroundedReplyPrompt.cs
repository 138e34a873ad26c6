using System.Text;
using Microsoft.Extensions.AI;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Drafting.Prompts;

/// <summary>
/// The request of a model draft: the system prompt of a <see cref="PromptFile"/> (Drafting/Prompts/Files, one file per
/// version) and the user message built here — customer name, the fenced ticket with every customer and agent turn
/// (oldest first, the one to answer marked; internal notes never), fenced passages, fenced past replies, the agent's
/// instruction outside the fences (trusted, where it weighs most) and the ticket's language named (small models
/// otherwise drift to English when the passages are English; the post-check rejects an answer in another language).
/// History: grounded-v1 the rules; v2 + the language named; v3 + the conversation. A change to this layout is a new
/// built-in version too.
/// </summary>
public static class GroundedReplyPrompt
{
    /// <summary>The built-in prompt of the default version.</summary>
    public static readonly PromptFile Default = PromptLibrary.BuiltIn().Single(p => p.Version == PromptLibrary.DefaultVersion);

    /// <summary>The marker of rule 6's note to the agent.</summary>
    public const string ConflictMarker = "CONFLICT:";

    /// <summary>Takes rule 6's "CONFLICT:" lines out of a model's answer: the reply without them, and what they said.</summary>
    public static (string Reply, IReadOnlyList<string> Conflicts) SplitConflicts(string answer)
    {
        var lines = answer.Replace("\r\n", "\n").Split('\n');
        var conflicts = lines.Where(l => l.TrimStart().StartsWith(ConflictMarker, StringComparison.OrdinalIgnoreCase))
            .Select(l => l.TrimStart()[ConflictMarker.Length..].Trim()).Where(c => c.Length > 0).ToList();
        if (conflicts.Count == 0) return (answer, []);
        var reply = string.Join('\n', lines.Where(l => !l.TrimStart().StartsWith(ConflictMarker, StringComparison.OrdinalIgnoreCase))).TrimEnd();
        return (reply, conflicts);
    }

    /// <param name="agentInstruction">The agent's wish for this version ("shorter", "ask for the order number"): trusted,
    /// so it is given outside the fences, after the data, where it weighs most.</param>
    /// <param name="language">The ticket's language (ISO 639-1) when detected with confidence; null leaves it to rule 3.</param>
    public static List<ChatMessage> Build(string subject, string body, string customerName, IReadOnlyList<SearchHit> passages, string? agentInstruction = null,
        string? language = null) =>
        Build(subject, [new Turn(0, Tickets.MessageAuthor.Customer, body)], customerName, passages, agentInstruction, language);

    /// <param name="turns">Customer and agent turns, oldest first (no internal notes); the reply answers the last customer turn.</param>
    /// <param name="pastReplies">Our (redacted) replies to similar tickets: fenced like passages, cited [T1], [T2].</param>
    /// <param name="prompt">The prompt version (null: the built-in default); past replies are given only when it has rules for them.</param>
    public static List<ChatMessage> Build(string subject, IReadOnlyList<Turn> turns, string customerName, IReadOnlyList<SearchHit> passages,
        string? agentInstruction = null, string? language = null, IReadOnlyList<string>? pastReplies = null, PromptFile? prompt = null)
    {
        prompt ??= Default;
        if (prompt.MemoryRules is null) pastReplies = null;
        var user = new StringBuilder();
        user.AppendLine($"Customer name: {Fence(customerName)}").AppendLine();
        user.AppendLine("<<<TICKET").AppendLine($"Subject: {Fence(subject)}").AppendLine();
        var latest = turns.Select((t, i) => (t, i)).LastOrDefault(x => x.t.Author == Tickets.MessageAuthor.Customer).i;
        for (var i = 0; i < turns.Count; i++)
        {
            var who = turns[i].Author == Tickets.MessageAuthor.Customer ? (i == latest ? "Customer (latest message: answer this one)" : "Customer") : "Our earlier reply";
            user.AppendLine($"[{who}]").AppendLine(Fence(turns[i].Body)).AppendLine();
        }
        user.AppendLine("TICKET>>>").AppendLine();
        for (var i = 0; i < passages.Count; i++)
        {
            var p = passages[i];
            user.AppendLine($"<<<PASSAGE {i + 1} | {Fence(p.FileName)} | {Fence(p.HeadingPath)}{(p.Page is { } page ? $" | page {page}" : "")}")
                .AppendLine(Fence(p.Text)).AppendLine($"PASSAGE {i + 1}>>>").AppendLine();
        }
        for (var i = 0; i < (pastReplies?.Count ?? 0); i++)
            user.AppendLine($"<<<PAST REPLY T{i + 1}").AppendLine(Fence(pastReplies![i])).AppendLine($"PAST REPLY T{i + 1}>>>").AppendLine();
        if (!string.IsNullOrWhiteSpace(agentInstruction))
            user.AppendLine($"Instruction from the support agent (follow it, within the rules above): {agentInstruction.Trim()}").AppendLine();
        if (language is not null) user.AppendLine($"The ticket is written in {LanguageName(language)}: write the reply in {LanguageName(language)}.").AppendLine();
        user.Append("Write the reply to the customer now.");
        return [new ChatMessage(ChatRole.System, pastReplies is { Count: > 0 } ? prompt.System + "\n" + prompt.MemoryRules : prompt.System), new ChatMessage(ChatRole.User, user.ToString())];
    }

    // The languages LanguageDetector names; spelled out because small models follow "German" better than "de".
    private static readonly Dictionary<string, string> LanguageNames = new()
    {
        ["en"] = "English", ["de"] = "German", ["es"] = "Spanish", ["fr"] = "French", ["it"] = "Italian", ["nl"] = "Dutch", ["pt"] = "Portuguese",
        ["ru"] = "Russian", ["el"] = "Greek", ["he"] = "Hebrew", ["ar"] = "Arabic", ["zh"] = "Chinese", ["ja"] = "Japanese", ["ko"] = "Korean",
    };

    internal static string LanguageName(string code) => LanguageNames.GetValueOrDefault(code, code);

    /// <summary>Untrusted text cannot close its fence: marker characters inside it are replaced.</summary>
    internal static string Fence(string text) => text.Replace("<<<", "‹‹‹").Replace(">>>", "›››");
}
