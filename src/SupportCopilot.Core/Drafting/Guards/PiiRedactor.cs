using System.Numerics;
using System.Text.RegularExpressions;

namespace SupportCopilot.Core.Drafting.Guards;

/// <summary>Placeholder → original value, to put a customer's details back into the draft the agent sees.</summary>
public sealed class PiiMap : Dictionary<string, string>
{
    public string Restore(string text) => this.Aggregate(text, (t, kv) => t.Replace(kv.Key, kv.Value, StringComparison.Ordinal));
}

/// <summary>
/// Replaces personal data with placeholders ([EMAIL_1], [PHONE_1], [CARD_1], [IBAN_1], or a configured name) before
/// text reaches a model. Card numbers must pass the Luhn check and IBANs the mod-97 check, so order numbers and the
/// like are left alone. The same value always gets the same placeholder within one call.
/// </summary>
public sealed partial class PiiRedactor(IReadOnlyDictionary<string, string>? extraPatterns = null)
{
    private readonly (string Name, Regex Pattern, Func<string, bool> Valid)[] _rules =
    [
        ("EMAIL", Email(), _ => true),
        ("IBAN", Iban(), IsIban),
        ("CARD", Card(), IsLuhn),
        ("PHONE", Phone(), v => v.Count(char.IsDigit) is >= 8 and <= 15),
        .. (extraPatterns ?? new Dictionary<string, string>()).Select(p => (p.Key.ToUpperInvariant(), new Regex(p.Value, RegexOptions.None, TimeSpan.FromMilliseconds(200)), (Func<string, bool>)(_ => true))),
    ];

    public string Redact(string text, PiiMap map)
    {
        foreach (var (name, pattern, valid) in _rules)
        {
            text = pattern.Replace(text, m =>
            {
                if (!valid(m.Value)) return m.Value;
                var existing = map.FirstOrDefault(kv => kv.Value == m.Value).Key;
                if (existing is not null) return existing;
                var placeholder = $"[{name}_{map.Keys.Count(k => k.StartsWith($"[{name}_", StringComparison.Ordinal)) + 1}]";
                map[placeholder] = m.Value;
                return placeholder;
            });
        }
        return text;
    }

    internal static bool IsLuhn(string value)
    {
        var digits = value.Where(char.IsDigit).Select(c => c - '0').ToArray();
        if (digits.Length is < 13 or > 19) return false;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return sum % 10 == 0;
    }

    internal static bool IsIban(string value)
    {
        var s = new string(value.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        if (s.Length is < 15 or > 34) return false;
        var rearranged = s[4..] + s[..4];
        var numeric = string.Concat(rearranged.Select(c => char.IsDigit(c) ? c.ToString() : (c - 'A' + 10).ToString()));
        return BigInteger.Parse(numeric) % 97 == 1;
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")] private static partial Regex Email();
    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")] private static partial Regex Iban();
    [GeneratedRegex(@"\b\d(?:[ -]?\d){12,18}\b")] private static partial Regex Card();
    [GeneratedRegex(@"(?<![\w])\+?\d[\d ()./-]{6,}\d(?![\w])")] private static partial Regex Phone();
}
