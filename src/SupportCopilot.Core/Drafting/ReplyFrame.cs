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

    // Before All: static fields initialise in textual order, and Load reads it.
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The heading of the linked sources under a sent reply (a property, not positional: frames saved before it
    /// existed read as null here and fall back to the built-in label).</summary>
    public string? Sources { get; init; }

    /// <summary>The editable texts, in the order the Settings page shows them, with the placeholders each may hold.</summary>
    public static readonly IReadOnlyList<(string Field, string[] Placeholders)> Fields =
    [
        (nameof(Greeting), ["{name}"]), (nameof(GreetingNoName), []), (nameof(Intro), ["{subject}"]), (nameof(OnlyIn), ["{subject}", "{language}"]),
        (nameof(NotFound), ["{subject}"]), (nameof(MoreOnThis), []), (nameof(Page), []), (nameof(FollowUp), []), (nameof(Closing), []), (nameof(Sources), []),
    ];

    /// <summary>A field's text by name (see <see cref="Fields"/>).</summary>
    public string Get(string field) => field switch
    {
        nameof(Greeting) => Greeting, nameof(GreetingNoName) => GreetingNoName, nameof(Intro) => Intro, nameof(OnlyIn) => OnlyIn,
        nameof(NotFound) => NotFound, nameof(MoreOnThis) => MoreOnThis, nameof(Page) => Page, nameof(FollowUp) => FollowUp,
        nameof(Closing) => Closing, nameof(Sources) => Sources ?? BuiltIn(Language).Sources ?? "Sources",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a frame field"),
    };

    /// <summary>This frame with one field changed.</summary>
    public ReplyFrame With(string field, string text) => field switch
    {
        nameof(Greeting) => this with { Greeting = text }, nameof(GreetingNoName) => this with { GreetingNoName = text },
        nameof(Intro) => this with { Intro = text }, nameof(OnlyIn) => this with { OnlyIn = text }, nameof(NotFound) => this with { NotFound = text },
        nameof(MoreOnThis) => this with { MoreOnThis = text }, nameof(Page) => this with { Page = text }, nameof(FollowUp) => this with { FollowUp = text },
        nameof(Closing) => this with { Closing = text }, nameof(Sources) => this with { Sources = text },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a frame field"),
    };

    /// <summary>The shipped frame of a language (English for one without).</summary>
    public static ReplyFrame BuiltIn(string? language) => For(language);

    /// <summary>Every language with a frame, read once from the embedded files.</summary>
    public static readonly FrozenDictionary<string, ReplyFrame> All = Load();

    /// <summary>The frame for a language code; English when the language is unknown or has no frame.</summary>
    public static ReplyFrame For(string? language) => language is not null && All.TryGetValue(language, out var frame) ? frame : All[Default];

    /// <summary>A language's name in this frame's language ("en" → "Englisch" in German); the code when unnamed.</summary>
    public string NameOf(string code) => Names.GetValueOrDefault(code, code);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static ReplyFrame FromJson(string json) => JsonSerializer.Deserialize<ReplyFrame>(json, JsonOptions) ?? throw new InvalidDataException("Empty reply frame.");

    private static FrozenDictionary<string, ReplyFrame> Load()
    {
        var assembly = typeof(ReplyFrame).Assembly;
        return assembly.GetManifestResourceNames().Where(n => n.Contains(".Drafting.Frames.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return JsonSerializer.Deserialize<ReplyFrame>(stream, JsonOptions) ?? throw new InvalidDataException($"Empty reply frame {n}.");
            })
            .ToFrozenDictionary(f => f.Language);
    }
}
