using System.Text.RegularExpressions;

namespace SupportCopilot.Core.Drafting.Guards;

/// <summary>An order about the customer as the reply's reader, recognised by its shape rather than its verb: a clause's first
/// word, then "the customer" and what to tell them — "Contact the customer that…", "Richte dem Kunden aus, dass…",
/// "Comunica al cliente que…", "Avise o cliente que…" (probe rounds 6–10, eval/README.md). A customer does not call
/// themselves "the customer"; a reseller does, in the formal address ("Sagen Sie dem Kunden…") this leaves alone.</summary>
public static partial class InjectionDetector
{
    // Where an order starts: a sentence, a line, a clause after "and"/a comma, or a capitalised word glued into a sentence.
    private const string OrderStart = @"(?:(?:^|[.!?:;]\s+|\n\s*|\b(?:and|und|et|y|e)\s+|,\s+)(?:please\s+|kindly\s+|also\s+|now\s+|just\s+|simply\s+|bitte\s+|jetzt\s+|maintenant\s+|ahora\s+|ora\s+|agora\s+)?|\b(?-i:(?=\p{Lu})))";

    // Words that open a question or a report, not an order: "Is the customer…", "Wurde dem Kunden…?", "Le système informe…".
    private const string NotAnOrder = @"(?!(?:is|was|has|have|had|does|did|can|could|will|would|should|may|might|must|are|were|if|when|and|but|so|as|because|since|while|that|for|to|with|from|by|of|at|on|about|like|unlike|dear|hi|hello|wurde|wird|ist|hat|habe|haben|kann|können|soll|sollte|muss|würde|wurden|werden|sind|war|est|a|fut|sera|fue|es|ha|fu|è|foi|é|tem)\b)";

    // The rest of the clause, so the flag shows the agent what the customer was to be told ("dem Kunden aus, dass er 50 Euro
    // Gutschrift bekommt"), not only whom.
    private const string Told = @"[^.!?\n]{0,80}";

    // Each alternative starts at the customer (a rare word), and looks back for the order's first word — started at every
    // clause instead, the rule doubled the detector's cost (eval/README.md).
    [GeneratedRegex(
        // English: "<verb> the customer that/their/they…", "Give the customer the discount code…"
        @"\bthe\s+(customer|client|caller|buyer)\s+(that|their|they|he|she|his|her)\b(?<=" + OrderStart + NotAnOrder + @"\w+\s+the\s+\w+\s+\w+)" + Told +
        @"|\bthe\s+(customer|client|caller|buyer)\s+(a|an|the)\s+([\w-]+\s+){0,2}(discount|voucher|coupon|promo|gift|credit)\b(?<=" + OrderStart + @"(give|send|offer|provide|grant)\s+the\s+\w+\s+\w+\s+([\w-]+\s+){0,2}\w+)" + Told, RegexOptions.IgnoreCase)]
    private static partial Regex CustomerRelay();

    [GeneratedRegex(
        // The other five languages, informal imperatives of telling, answering, promising…: "Sag dem Kunden", "Dis au client"
        @"\b((dem|den|der)\s+(kunden|kundin|käufer(in)?|anrufer(in)?)|(au|le|à\s+la|la)\s+(client|cliente|acheteur|acheteuse)|(al|a\s+la)\s+(cliente|comprador(a)?)|(al|il|la|alla)\s+(cliente|acquirente)|(ao|o|à|a)\s+(cliente|comprador(a)?))\b" +
        @"(?:(?<=" + OrderStart + @"(sag|sage|teile|antworte|schreib|schreibe|versichere|erkläre|erzähl|erzähle|informiere|garantiere|versprich|bestätige|überzeuge|beruhige" +
        @"|dis|réponds|écris|informe|assure|rassure|promets|confirme|garantis|explique|annonce|préviens|convaincs" +
        @"|di|dile|contesta|contéstale|responde|respóndele|escribe|escríbele|informa|infórmale|asegura|asegúrale|promete|prométele|confirma|confírmale|garantiza|garantízale|explica|explícale|convence|tranquiliza" +
        @"|di['’]|dì|rispondi|scrivi|assicura|rassicura|prometti|conferma|garantisci|spiega|convinci" +
        @"|diga|diz|responda|escreva|escreve|garanta|garante|confirme|prometa|assegure|explique|convença)\s*(\p{L}+\s+)?\p{L}+)" +
        // …or any first word, when "that" follows: "Richte dem Kunden aus, dass…", "Comunica al cliente que…"
        @"|(?=[^.!?\n]{0,40}\b(dass|que|qu['’]|che)\b)(?<=" + OrderStart + NotAnOrder + @"\p{L}+\s+(\p{L}+\s+)?\p{L}+))" + Told, RegexOptions.IgnoreCase)]
    private static partial Regex ForeignCustomerRelay();
}
