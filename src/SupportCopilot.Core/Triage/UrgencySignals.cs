using System.Text.RegularExpressions;

namespace SupportCopilot.Core.Triage;

/// <summary>
/// What makes a ticket urgent whatever the words around it: an outage, a security incident, lost data, a legal threat,
/// a failed or double payment (in en, de, es, fr). A learned priority model sees these only as n-grams among many;
/// here they raise a low or medium guess to high and name the reason on the chip ("outage mentioned").
/// </summary>
public static partial class UrgencySignals
{
    private static readonly (string Reason, Regex Pattern)[] Signals =
    [
        ("outage mentioned", Outage()), ("security incident mentioned", Security()), ("data loss mentioned", DataLoss()),
        ("legal action mentioned", Legal()), ("payment failure mentioned", Payment()),
    ];

    /// <summary>The first signal the text carries, or null.</summary>
    public static string? Reason(string text) => Signals.FirstOrDefault(s => s.Pattern.IsMatch(text)).Reason;

    /// <summary>A low or medium guess becomes "high" (when the field knows that label) with the signal as its reason.</summary>
    public static (string? Label, double Confidence, string? Reason) Adjust(string? label, double confidence, string text, IReadOnlyCollection<string> classes)
    {
        var reason = Reason(text);
        if (reason is null || label is not ("low" or "medium") || !classes.Contains("high")) return (label, confidence, label is null ? null : reason);
        return ("high", Math.Max(confidence, 0.6), reason);
    }

    [GeneratedRegex(@"\b(outage|is down|went down|service (is )?unavailable|not reachable|system(s)? (is |are )?down|ausfall|ausgefallen|nicht erreichbar|caída del servicio|panne générale|hors service)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Outage();

    [GeneratedRegex(@"\b(data breach|breach|hacked|compromised|unauthori[sz]ed (access|login|charges?)|phishing|ransomware|malware|vulnerabilit(y|ies)|sicherheitslücke|datenleck|gehackt|hackeado|piraté)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Security();

    [GeneratedRegex(@"\b(data loss|lost (all )?(my |our )?(data|files)|(data|files) (were |was |have been )?(deleted|lost|gone)|datenverlust|daten (sind )?(verloren|weg|gelöscht)|pérdida de datos|perte de données)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DataLoss();

    [GeneratedRegex(@"\b(lawyer|attorney|legal action|lawsuit|sue you|court|anwalt|rechtliche schritte|klage|abogado|avocat|poursuites)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Legal();

    [GeneratedRegex(@"\b(payment (has )?failed|charged twice|double[- ]charged|card (was )?declined|zahlung (ist )?fehlgeschlagen|doppelt abgebucht|pago rechazado|cobrado dos veces|paiement refusé|débité deux fois)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Payment();
}
