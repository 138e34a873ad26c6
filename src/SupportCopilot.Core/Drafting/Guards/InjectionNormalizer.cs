using System.Text;
using System.Text.RegularExpressions;

namespace SupportCopilot.Core.Drafting.Guards;

/// <summary>
/// The disguises attackers put on an instruction so that word rules miss it, undone before the rules read the text:
/// zero-width and soft-hyphen characters, compatibility forms (fullwidth "ｉｇｎｏｒｅ"), Cyrillic and Greek look-alikes
/// ("іgnоre" with Cyrillic і and о), leetspeak inside a word ("1gn0r3"), letters spaced out ("i g n o r e"), and
/// instructions hidden in base64 or hex blocks (decoded and appended). The rules run on the original and on this
/// form; positions for highlighting come from the original.
/// </summary>
public static partial class InjectionNormalizer
{
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j', ['ѕ'] = 's',
        ['ԁ'] = 'd', ['һ'] = 'h', ['ӏ'] = 'l', ['ԛ'] = 'q', ['ԝ'] = 'w', ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['К'] = 'K', ['М'] = 'M',
        ['Н'] = 'H', ['О'] = 'O', ['Р'] = 'P', ['С'] = 'C', ['Т'] = 'T', ['Х'] = 'X', ['І'] = 'I', ['Ѕ'] = 'S',
        ['α'] = 'a', ['ο'] = 'o', ['ι'] = 'i', ['ν'] = 'v', ['τ'] = 't', ['ρ'] = 'p', ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ι'] = 'I',
        ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N', ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Χ'] = 'X', ['Υ'] = 'Y', ['Ζ'] = 'Z',
    };

    private static readonly Dictionary<char, char> Leet = new() { ['0'] = 'o', ['1'] = 'i', ['3'] = 'e', ['4'] = 'a', ['5'] = 's', ['7'] = 't', ['@'] = 'a', ['$'] = 's' };

    /// <summary>The text with its disguises undone, or null when it has none (the rules then need not run twice).</summary>
    public static string? Undisguise(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (c is '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u2060' or '\uFEFF') continue;
            sb.Append(LookAlikes.GetValueOrDefault(c, c));
        }
        var clean = sb.ToString();
        var decoded = string.Join('\n', Encoded(clean)); // before leet folding, which would garble the blocks
        var folded = Spaced().Replace(clean, m => m.Value.Replace(" ", "", StringComparison.Ordinal));
        folded = LeetWord().Replace(folded, m => new string(m.Value.Select(ch => Leet.GetValueOrDefault(ch, ch)).ToArray()));
        var result = decoded.Length > 0 ? folded + "\n" + decoded : folded;
        return result == text ? null : result;
    }

    /// <summary>Base64 and hex blocks that decode to readable text.</summary>
    private static IEnumerable<string> Encoded(string text)
    {
        foreach (Match m in Base64().Matches(text))
        {
            var block = m.Value;
            if (block.Length % 4 != 0) block = block.PadRight(block.Length + (4 - block.Length % 4) % 4, '=');
            var bytes = new byte[block.Length];
            if (Convert.TryFromBase64String(block, bytes, out var n) && Readable(bytes.AsSpan(0, n)) is { } s) yield return s;
        }
        foreach (Match m in Hex().Matches(text))
        {
            var bytes = Convert.FromHexString(m.Value.Length % 2 == 0 ? m.Value : m.Value[..^1]);
            if (Readable(bytes) is { } s) yield return s;
        }
    }

    /// <summary>UTF-8 text of letters, digits, spaces and punctuation only; anything else was not a hidden sentence.</summary>
    private static string? Readable(ReadOnlySpan<byte> bytes)
    {
        string s;
        try { s = new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
        return s.Contains(' ') && s.All(c => char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c)) ? s : null;
    }

    // Four or more single letters separated by single spaces ("i g n o r e").
    [GeneratedRegex(@"(?<![\p{L}\d])\p{L}(?: \p{L}){3,}(?![\p{L}\d])")]
    private static partial Regex Spaced();

    // A word mixing letters with leet digits or symbols ("1gn0r3", "pr0mpt", "@ll").
    [GeneratedRegex(@"(?<![\p{L}\d@$])(?=[\p{L}\d@$]*\p{L})(?=[\p{L}\d@$]*[013457@$])[\p{L}\d@$]{3,}")]
    private static partial Regex LeetWord();

    [GeneratedRegex(@"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{24,}={0,2}")]
    private static partial Regex Base64();

    [GeneratedRegex(@"\b(?:[0-9a-fA-F]{2}){16,}\b")]
    private static partial Regex Hex();
}
