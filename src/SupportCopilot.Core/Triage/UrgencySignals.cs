using System.Text.RegularExpressions;

namespace SupportCopilot.Core.Triage;

/// <summary>
/// What makes a ticket urgent whatever the words around it: an outage, a security incident, lost data, a legal threat,
/// a failed or double payment, a deadline, a customer writing again (in en, de, es, fr). A learned priority model sees these only as n-grams among many;
/// here they raise a low or medium guess to high and name the reason on the chip ("outage mentioned").
/// </summary>
public static partial class UrgencySignals
{
    // Raises: the signal lifts a low or medium guess to high. A deadline only explains a high guess: on
    // tickets-multilang-dev "urgent"/"ASAP"/"dringend" stand in 21 high, 20 medium and 7 low tickets, and raising on
    // them cost priority macro-F1 0.385 → 0.375 (eval/README.md).
    private static readonly (string Reason, Regex Pattern, bool Raises)[] Signals =
    [
        ("outage mentioned", Outage(), true), ("security incident mentioned", Security(), true), ("data loss mentioned", DataLoss(), true),
        ("legal action mentioned", Legal(), true), ("payment failure mentioned", Payment(), true), ("repeated contact", Repeated(), true),
        ("deadline mentioned", Deadline(), false),
    ];

    /// <summary>The first signal the text carries, or null.</summary>
    public static string? Reason(string text) => Signals.FirstOrDefault(s => s.Pattern.IsMatch(text)).Reason;

    /// <summary>A low or medium guess becomes "high" (when the field knows that label) with a raising signal as its
    /// reason; a guess that is already high or urgent is explained by any signal.</summary>
    public static (string? Label, double Confidence, string? Reason) Adjust(string? label, double confidence, string text, IReadOnlyCollection<string> classes)
    {
        var signal = Signals.FirstOrDefault(s => s.Pattern.IsMatch(text));
        if (signal.Reason is null || label is null) return (label, confidence, null);
        if (label is "low" or "medium")
            return signal.Raises && classes.Contains("high") ? ("high", Math.Max(confidence, 0.6), signal.Reason) : (label, confidence, signal.Raises ? signal.Reason : null);
        return (label, confidence, signal.Reason);
    }

    /// <summary>Other tickets from the same address within <see cref="RepeatedContactWindow"/> that make a repeated contact.</summary>
    public const int RepeatedContactTickets = 2;
    public static readonly TimeSpan RepeatedContactWindow = TimeSpan.FromDays(14);

    /// <summary>
    /// The customer's history as a signal, whatever their words: with two or more other tickets from the same address in
    /// the last 14 days, a low or medium guess becomes high ("contacted us 3 times in 14 days"); a guess already high is
    /// explained by it when no text signal did. Not measured: none of our ticket sets links tickets by customer.
    /// </summary>
    public static (string? Label, double Confidence, string? Reason) AdjustForHistory(string? label, double confidence, string? reason, int otherRecentTickets,
        IReadOnlyCollection<string> classes)
    {
        if (otherRecentTickets < RepeatedContactTickets || label is null) return (label, confidence, reason);
        var why = $"contacted us {otherRecentTickets + 1} times in {RepeatedContactWindow.TotalDays:0} days";
        if (label is "low" or "medium") return classes.Contains("high") ? ("high", Math.Max(confidence, 0.6), why) : (label, confidence, reason);
        return (label, confidence, reason ?? why);
    }

    [GeneratedRegex(@"\b(outage|is down|went down|service (is )?unavailable|not reachable|system(s)? (is |are )?down|ausfall|ausgefallen|nicht erreichbar|caída del servicio|panne générale|hors service)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Outage();

    [GeneratedRegex(@"\b(data breach|breach|hacked|compromised|unauthori[sz]ed (access|login|charges?)|phishing|ransomware|malware|vulnerabilit(y|ies)|sicherheitslücke|datenleck|gehackt|hackeado|piraté)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Security();

    [GeneratedRegex(@"\b(data loss|lost (all )?(my |our )?(data|files)|(data|files) (were |was |have been )?(deleted|lost|gone)|datenverlust|daten (sind )?(verloren|weg|gelöscht)|pérdida de datos|perte de données)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DataLoss();

    // A time the customer must have an answer by, or says it cannot wait.
    [GeneratedRegex(@"\b(deadline|as soon as possible|asap|urgent(ly)?|by (the )?end of (the )?(day|week)|by (today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday)|within (the next )?\d+ (hours?|days?)|time[- ]sensitive|dringend|schnellstmöglich|so schnell wie möglich|frist|bis (heute|morgen|montag|dienstag|mittwoch|donnerstag|freitag)|innerhalb von \d+ (stunden|tagen)|urgente|lo antes posible|cuanto antes|plazo|au plus vite|dès que possible|avant demain|délai)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Deadline();

    // The customer has written before and is still waiting.
    [GeneratedRegex(@"\b((second|third|fourth|fifth|\d+(nd|rd|th)) time|(i|we) (have )?(already|repeatedly) (wrote|written|contacted|called|asked|reported|emailed)|still (no|not|haven't|hasn't|waiting)|no (one|answer|response|reply) (yet|so far|has (replied|answered|responded))|again and again|follow(ing)?[- ]up on my (previous|earlier|last)|schon (wieder|mehrfach|zweimal|dreimal)|bereits (mehrfach|geschrieben|kontaktiert|gemeldet)|immer noch (keine|nicht)|erneut|todavía no|ya (he|hemos) (escrito|llamado)|de nuevo|toujours pas|déjà (écrit|contacté|signalé)|de nouveau)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Repeated();

    [GeneratedRegex(@"\b(lawyer|attorney|legal action|lawsuit|sue you|court|anwalt|rechtliche schritte|klage|abogado|avocat|poursuites)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Legal();

    [GeneratedRegex(@"\b(payment (has )?failed|charged twice|double[- ]charged|card (was )?declined|zahlung (ist )?fehlgeschlagen|doppelt abgebucht|pago rechazado|cobrado dos veces|paiement refusé|débité deux fois)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Payment();
}
