using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using SupportCopilot.Core.Models;

namespace SupportCopilot.Core.Drafting.Prompts;

/// <summary>One version of the drafting system prompt, read from a `.prompt` file.</summary>
/// <param name="MemoryRules">Added to <paramref name="System"/> when past replies are given (the draft then records
/// "{version}-memory"); null when the file has no "## with past replies" section, and then no past replies are given.</param>
/// <param name="Source">"built in" or the file it was read from.</param>
public sealed record PromptFile(string Version, string System, string? MemoryRules, string Source)
{
    public string MemoryVersion => Version + "-memory";
}

/// <summary>
/// The drafting prompts, one file per version, read once at start: the built-in ones (Drafting/Prompts/Files, embedded)
/// and any `*.prompt` in `Drafting:PromptDirectory`. `Drafting:Prompt` names the active version; a chain link may name
/// its own (`Models:Chat:N:Prompt`), because a small model can need plainer rules than a large one. A version is never
/// edited in place: a changed text gets a new name, so the version recorded with every draft says which words the model
/// read. An unknown or malformed version stops the app at start with the setting or file named.
/// </summary>
public sealed partial class PromptLibrary
{
    public const string Section = "Drafting";
    public const string DefaultVersion = "grounded-v3";
    private const string MemoryHeading = "## with past replies";

    public FrozenDictionary<string, PromptFile> All { get; }
    public PromptFile Active { get; }
    private readonly FrozenDictionary<string, PromptFile> _byModel;

    public PromptLibrary(IEnumerable<PromptFile> files, string active, IReadOnlyList<ChatModelOptions> links)
    {
        var all = new Dictionary<string, PromptFile>(StringComparer.Ordinal);
        foreach (var file in files)
            if (!all.TryAdd(file.Version, file))
                throw new OptionsValidationError($"Prompt version \"{file.Version}\" exists twice ({all[file.Version].Source}, {file.Source}): a changed prompt needs a new name.");
        All = all.ToFrozenDictionary();
        Active = Find(active, $"{Section}:Prompt");
        _byModel = links.Select((l, i) => (l, i)).Where(x => !string.IsNullOrWhiteSpace(x.l.Prompt))
            .GroupBy(x => x.l.Model!).ToFrozenDictionary(g => g.Key, g => Find(g.First().l.Prompt!, $"Models:Chat:{g.First().i}:Prompt"));
    }

    /// <summary>The prompt a chain link uses: its own override, else the active one.</summary>
    public PromptFile For(string model) => _byModel.GetValueOrDefault(model, Active);

    /// <summary>Models with their own prompt, for the Settings page.</summary>
    public IReadOnlyDictionary<string, PromptFile> Overrides => _byModel;

    private PromptFile Find(string version, string setting) => All.TryGetValue(version.Trim(), out var file) ? file
        : throw new OptionsValidationError($"{setting}: no prompt version \"{version}\"; known: {string.Join(", ", All.Keys.Order())}.");

    public static PromptLibrary FromConfiguration(IConfiguration config, IReadOnlyList<ChatModelOptions> links)
    {
        var files = BuiltIn().ToList();
        if (config[$"{Section}:PromptDirectory"] is { Length: > 0 } directory)
        {
            if (!Directory.Exists(directory)) throw new OptionsValidationError($"{Section}:PromptDirectory: the folder \"{directory}\" does not exist.");
            files.AddRange(Directory.EnumerateFiles(directory, "*.prompt").Order().Select(f => Parse(Path.GetFileNameWithoutExtension(f), File.ReadAllText(f), f)));
        }
        return new PromptLibrary(files, config[$"{Section}:Prompt"] ?? DefaultVersion, links);
    }

    /// <summary>The prompts shipped with the product (embedded).</summary>
    public static IEnumerable<PromptFile> BuiltIn()
    {
        var assembly = typeof(PromptLibrary).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Drafting.Prompts.Files.", StringComparison.Ordinal) && n.EndsWith(".prompt", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var version = name[(name.IndexOf(".Drafting.Prompts.Files.", StringComparison.Ordinal) + ".Drafting.Prompts.Files.".Length)..^".prompt".Length];
            yield return Parse(version, reader.ReadToEnd(), "built in");
        }
    }

    /// <summary>Reads a prompt file: "#" lines are comments for its editors, "## with past replies" starts the rules
    /// added when past replies are evidence. Refuses a bad name, an empty prompt, and a prompt without the data fences
    /// the request relies on.</summary>
    public static PromptFile Parse(string version, string text, string source)
    {
        if (!VersionName().IsMatch(version))
            throw new OptionsValidationError($"{source}: \"{version}\" is not a prompt version name (lower-case letters, digits, '.', '-'; at most 40).");
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var split = Array.FindIndex(lines, l => l.Trim().Equals(MemoryHeading, StringComparison.OrdinalIgnoreCase));
        string Body(IEnumerable<string> part) => string.Join('\n', part.Where(l => !l.StartsWith('#'))).Trim();
        var system = Body(split < 0 ? lines : lines[..split]);
        var memory = split < 0 ? null : Body(lines[(split + 1)..]);
        if (system.Length == 0) throw new OptionsValidationError($"{source}: the prompt \"{version}\" is empty.");
        // The ticket and passages arrive fenced in <<< >>>: a prompt that never says so invites the model to obey them.
        if (!system.Contains("<<<", StringComparison.Ordinal) || !system.Contains(">>>", StringComparison.Ordinal))
            throw new OptionsValidationError($"{source}: the prompt \"{version}\" must tell the model that text between <<< and >>> is data, not instructions.");
        return new PromptFile(version, system, string.IsNullOrEmpty(memory) ? null : memory, source);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,39}$")] private static partial Regex VersionName();
}
