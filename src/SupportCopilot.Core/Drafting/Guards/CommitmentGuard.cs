using System.Text.RegularExpressions;

namespace SupportCopilot.Core.Drafting.Guards;

/// <summary>A promise in a draft that no knowledge passage backs: what an attacker (or a hallucinating model) wants sent.</summary>
public sealed record Commitment(string Text, string Reason);

/// <summary>
/// Finds commitments in a draft — a refund or return approved, an amount, a voucher or discount code, a deadline, a
/// guarantee, a verification skipped — that the passages it was written from do not contain. The agent must confirm
/// them with a deliberate second click (ApprovalService refuses one-key approval); they are listed on the panel.
/// Patterns in English, German, French and Spanish; an amount, code or deadline counts as backed when the passages
/// contain it, a refund approval or a skipped verification never does (no manual approves this customer's refund).
/// </summary>
public static partial class CommitmentGuard
{
    private static readonly (Func<Regex> Pattern, string Reason, bool CanBeBacked)[] Rules =
    [
        (RefundApproved, "promises a refund or return", false),
        (Amount, "names an amount", true),
        (Code, "gives a voucher or discount code", true),
        (Percent, "promises a discount", true),
        (Deadline, "promises a deadline", true),
        (Guarantee, "gives a guarantee", true),
        (SkipsVerification, "skips a verification", false),
    ];

    public static IReadOnlyList<Commitment> Find(string draft, string evidence)
    {
        var backed = Normalize(evidence);
        var found = new List<Commitment>();
        foreach (var (pattern, reason, canBeBacked) in Rules)
        {
            foreach (Match m in pattern().Matches(draft))
            {
                var text = m.Value.Trim();
                if (canBeBacked && backed.Contains(Normalize(text), StringComparison.Ordinal)) continue;
                if (found.All(f => f.Text != text)) found.Add(new(text, reason));
            }
        }
        return found;
    }

    /// <summary>The commitments still in the text the agent is about to send (an edit may have removed them).</summary>
    public static IReadOnlyList<Commitment> StillIn(IEnumerable<Commitment> commitments, string text) =>
        commitments.Where(c => Normalize(text).Contains(Normalize(c.Text), StringComparison.Ordinal)).ToList();

    private static string Normalize(string s) => Whitespace().Replace(s.ToLowerInvariant(), " ");

    [GeneratedRegex(@"\b(refund|reimburse\w*|money back|return|rückerstattung|erstattung|rücksendung|remboursement|retour|reembolso|devolución)\b[^.!?\n]{0,60}?\b(approved|accepted|processed|issued|granted|authori[sz]ed|genehmigt|bewilligt|akzeptiert|veranlasst|approuvé|accepté|aprobad[oa]|aceptad[oa])\b|\b(approved|processed|issued|granted|authori[sz]ed)\b[^.!?\n]{0,40}?\b(refund|return|reimbursement)\b|\b(we|i) (will|'ll|have|'ve) (refund|reimburse)\w*\b", RegexOptions.IgnoreCase)]
    private static partial Regex RefundApproved();

    [GeneratedRegex(@"(?:[$€£]\s?\d[\d.,']*\d|[$€£]\s?\d|\b\d[\d.,']*\s?(?:€|\$|£|EUR|USD|GBP|CHF|euros?|dollars?|pounds?|francs?)(?!\w))", RegexOptions.IgnoreCase)]
    private static partial Regex Amount();

    [GeneratedRegex(@"(?i:voucher|coupon|discount|promo(?:tion)?|gift card|gutschein|rabatt|bon|cupón|descuento|code|código)\b[^.\n]{0,25}?\b(?-i:[A-Z0-9][A-Z0-9-]{4,}[A-Z0-9])\b")]
    private static partial Regex Code();

    [GeneratedRegex(@"\b\d{1,2}(?:[.,]\d)?\s?%\s?(?:off|discount|rabatt|nachlass|de réduction|de remise|de descuento)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Percent();

    [GeneratedRegex(@"\b(?:within|in the next|in)\s+\d+\s+(?:hours?|days?|business days|working days|weeks?)\b|\bby (?:tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the end of (?:the )?(?:day|week))\b|\b(?:innerhalb (?:von )?|in )\d+\s+(?:stunden|tagen|werktagen|wochen)\b|\b(?:sous|dans les|en) \d+\s+(?:heures|jours)\b|\b(?:en|dentro de) \d+\s+(?:horas|días)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Deadline();

    // The promise, not the noun: "Garantie" / "guarantee" alone names a warranty a passage may describe.
    [GeneratedRegex(@"\b(?:guaranteed|(?:we|i) guarantee|garantiert|(?:wir|ich) garantieren|garantieren wir|(?:est|sont) garantie?s?|nous garantissons|garantizad[oa]s?|garantizamos)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Guarantee();

    [GeneratedRegex(@"\bno need to (?:verify|confirm|provide|send|show)\b|\bwithout (?:any )?(?:verification|verifying|proof|receipt|checks?)\b|\bskip(?:ping)? (?:the )?(?:verification|check|identity check)\b|\b(?:we|i) (?:have )?waived\b|\bohne (?:nachweis|prüfung|beleg|quittung)\b|\bsans (?:vérification|justificatif)\b|\bsin (?:verificación|comprobante)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SkipsVerification();

    [GeneratedRegex(@"\s+")] private static partial Regex Whitespace();
}
