using System.Collections.Frozen;
using System.Text.Json;

namespace SupportCopilot.Core.Drafting;

/// <summary>
/// The words around quoted passages in one language: greeting, introduction, "could not find", pointer to a second
/// source, follow-up offer and closing. One file per language (Drafting/Frames/*.json, embedded): a German ticket gets
/// a German frame even when the passage it quotes is English — said so, in German ("Unsere Dokumentation gibt es nur
/// auf Englisch …").
/// </summary>
public sealed record ReplyFrame(string Language, string Greeting, string GreetingNoName, string Intro, string OnlyIn, string NotFound,
    string MoreOnThis, string Page, string FollowUp, string Closing, IReadOnlyDictionary<string, string> Names)
{
    public const string Default = "en";

    /// <summary>Every language with a frame, read once from the embedded files.</summary>
    public static readonly FrozenDictionary<string, ReplyFrame> All = Load();

    /// <summary>The frame for a language code; English when the language is unknown or has no frame.</summary>
    public static ReplyFrame For(string? language) => language is not null && All.TryGetValue(language, out var frame) ? frame : All[Default];

    /// <summary>A language's name in this frame's language ("en" → "Englisch" in German); the code when unnamed.</summary>
    public string NameOf(string code) => Names.GetValueOrDefault(code, code);

    private static FrozenDictionary<string, ReplyFrame> Load()
    {
        var assembly = typeof(ReplyFrame).Assembly;
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        return assembly.GetManifestResourceNames().Where(n => n.Contains(".Drafting.Frames.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return JsonSerializer.Deserialize<ReplyFrame>(stream, options) ?? throw new InvalidDataException($"Empty reply frame {n}.");
            })
            .ToFrozenDictionary(f => f.Language);
    }
}
