using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.RegularExpressions;
using SupportCopilot.Core.Drafting;

namespace SupportCopilot.Core.Approval;

/// <summary>Where customers can read our documents (section "Knowledge"): with it, a reply's citations become links.</summary>
public sealed class PublicKnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>e.g. https://help.example.com/docs — a cited document is linked as {base}/{file name}#page={n}. Unset: no links.</summary>
    [Url] public string? PublicBaseUrl { get; set; }
}

/// <summary>
/// The reply as the customer receives it: the approved text without the draft's citation markers ([1], [T1] mean
/// nothing in a mail), and — when the knowledge base is public — a short "Sources" list linking the cited documents.
/// Deterministic, and the agent's preview shows exactly this, so what the agent approves is what the customer reads.
/// Only markers the draft really cited are touched: an agent's own "[2]" in a manual reply stays.
/// </summary>
public static partial class CustomerCopy
{
    /// <param name="style">The sources heading in the customer's language and the signature to add (none when null).</param>
    public static string Of(string approved, IReadOnlyList<DraftCitation> citations, IReadOnlyList<MemoryUse> memory, string? publicBaseUrl, CopyStyle? style = null)
    {
        var body = WithoutMarkers(approved, citations, memory, publicBaseUrl, style ?? CopyStyle.Plain);
        return Signed(body, style?.Signature);
    }

    /// <summary>The reply with the signature under it (as it is when there is none).</summary>
    public static string Signed(string body, string? signature) => signature is { Length: > 0 } ? body.TrimEnd() + "\n\n" + signature : body;

    private static string WithoutMarkers(string approved, IReadOnlyList<DraftCitation> citations, IReadOnlyList<MemoryUse> memory, string? publicBaseUrl, CopyStyle style)
    {
        var numbers = citations.Select(c => c.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Concat(memory.Where(m => m.Number > 0).Select(m => "T" + m.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToHashSet();
        if (numbers.Count == 0) return approved;
        var used = new List<string>();
        var text = Marker().Replace(approved, m =>
        {
            if (!numbers.Contains(m.Groups[1].Value)) return m.Value;
            used.Add(m.Groups[1].Value);
            return "";
        });
        if (string.IsNullOrWhiteSpace(publicBaseUrl)) return text;
        var sources = citations.Where(c => used.Contains(c.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(c => c.Number).Select(c => (c.FileName, c.Page)).Distinct().ToList();
        if (sources.Count == 0) return text;
        var list = new StringBuilder(text.TrimEnd()).Append($"\n\n{style.SourcesLabel}:");
        foreach (var (file, page) in sources)
            list.Append($"\n- [{Path.GetFileNameWithoutExtension(file)}{(page is { } p ? $", {style.PageWord} {p}" : "")}]({publicBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(file)}{(page is { } pp ? $"#page={pp}" : "")})");
        return list.ToString();
    }

    /// <summary>A marker with the spaces before it ("fact [1]." → "fact.").</summary>
    [GeneratedRegex(@"[ \t]*\[(T?\d{1,3})\]")] private static partial Regex Marker();
}
