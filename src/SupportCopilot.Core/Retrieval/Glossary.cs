using System.Globalization;
using System.Text;

namespace SupportCopilot.Core.Retrieval;

/// <summary>
/// A support glossary from German, French, Spanish, Italian, Dutch and Portuguese into English (Retrieval/Glossary/*.txt):
/// with no chat model to translate a query, a customer who writes "Rücksendung … Originalverpackung" about an English
/// manual still finds "return … original packaging". Words, not sentences: the English words of the stems found in the
/// query are searched beside the query itself, as a model's translation is (<see cref="QueryTranslator"/>).
/// </summary>
public static class Glossary
{
    /// <summary>The languages with a glossary into English.</summary>
    public static IReadOnlyCollection<string> Languages => Tables.Value.Keys;

    private static readonly Lazy<Dictionary<string, Table>> Tables = new(Load);

    private sealed record Entry(string Stem, bool Inside, string English);

    /// <summary>A language's entries, phrases ("mot de passe") apart from single stems.</summary>
    private sealed record Table(Entry[] Phrases, Entry[] Stems);

    /// <summary>The English words for the glossary's stems in <paramref name="text"/>, in the order they occur; null when
    /// the language has no glossary or no stem is found.</summary>
    public static string? ToEnglish(string text, string language)
    {
        if (!Tables.Value.TryGetValue(language, out var table)) return null;
        var words = Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var joined = " " + string.Join(' ', words) + " ";
        var found = new List<(int At, Entry Entry)>();
        // Phrases ("mot de passe") first, by their place in the text; then each word's stems.
        foreach (var e in table.Phrases)
            if (joined.IndexOf(" " + e.Stem, StringComparison.Ordinal) is var at and >= 0) found.Add((at, e));
        var offset = 1;
        foreach (var word in words)
        {
            var matches = table.Stems.Where(e => Matches(word, e)).ToList();
            // A stem inside a longer matching one ("bild" in "bildschirm") is that word's weaker reading.
            found.AddRange(matches.Where(m => !matches.Any(o => o.Stem.Length > m.Stem.Length && o.Stem.Contains(m.Stem, StringComparison.Ordinal)))
                .Select(m => (offset + word.IndexOf(m.Stem, StringComparison.Ordinal), m)));
            offset += word.Length + 1;
        }
        var english = found.OrderBy(f => f.At).SelectMany(f => f.Entry.English.Split(' ')).Distinct(StringComparer.Ordinal).ToList();
        return english.Count == 0 ? null : string.Join(' ', english);
    }

    /// <summary>A stem of three letters or fewer is a whole word ("app", "abo"); longer ones start the word, or with "*"
    /// sit anywhere in it (German and Dutch compounds).</summary>
    private static bool Matches(string word, Entry e) =>
        e.Stem.Length <= 3 ? word == e.Stem : word.StartsWith(e.Stem, StringComparison.Ordinal) || (e.Inside && word.Contains(e.Stem, StringComparison.Ordinal));

    /// <summary>Lower case, accents and umlauts dropped ("Rücksendung" → "rucksendung", "ß" → "ss"), letters and digits
    /// only, one space between words.</summary>
    internal static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Replace("ß", "ss", StringComparison.Ordinal).Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(char.IsLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : ' ');
        }
        return sb.ToString();
    }

    private static Dictionary<string, Table> Load()
    {
        var assembly = typeof(Glossary).Assembly;
        var result = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Retrieval.Glossary.", StringComparison.Ordinal) && n.EndsWith(".txt", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var language = name.Split('.')[^2];
            // One entry per stem: a stem listed twice ("piece" = parts, room) means all of its words.
            var entries = reader.ReadToEnd().Split('\n')
                .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('='))
                .Select(l => l.Split('=', 2))
                .Select(p => (Inside: p[0].Trim().StartsWith('*'), Stem: string.Join(' ', Fold(p[0].Trim().TrimStart('*')).Split(' ', StringSplitOptions.RemoveEmptyEntries)), English: p[1].Trim()))
                .Where(p => p.Stem.Length > 0 && p.English.Length > 0)
                .GroupBy(p => p.Stem, StringComparer.Ordinal)
                .Select(g => new Entry(g.Key, g.Any(p => p.Inside), string.Join(' ', g.SelectMany(p => p.English.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct())))
                .ToList();
            result[language] = new Table([.. entries.Where(e => e.Stem.Contains(' '))], [.. entries.Where(e => !e.Stem.Contains(' '))]);
        }
        return result;
    }
}
