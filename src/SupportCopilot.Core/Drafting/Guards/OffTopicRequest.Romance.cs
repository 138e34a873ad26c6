using System.Text.RegularExpressions;

namespace SupportCopilot.Core.Drafting.Guards;

/// <summary>The French, Spanish, Italian and Portuguese words of <see cref="OffTopicRequest"/>: "¿Quién pintó la Capilla
/// Sixtina?", "Écris un poème sur la mer." inside a message about something else. As for German: bare imperatives of
/// creative and teaching verbs (both the familiar and the polite form) and questions ending in "?" — not "which" questions
/// ("Quelles mesures ont-elles mises en place pour garantir la confidentialité…?" is a real customer's question about our
/// practices, as "Welche…" is in German); customers' requests
/// say "my", "this", "you" or ask about what support is for, and stay theirs. Nouns that are also imperatives are left
/// out ("Cuenta", "Conta": an account; "Liste": a list). Spanish, Italian and Portuguese drop the pronoun ("¿Cómo puedo…?"),
/// so the commonest first-person verbs count as the customer's own words.</summary>
internal static partial class OffTopicRequest
{
    private static Rules FrenchRules() => new(FrenchCandidate(), FrenchOpening(), FrenchPersonal(), FrenchFunction(), FrenchSupport(), FrenchFollowUp(),
        WordSet("les des une est sont dans pour avec par qui que quel quelle quels quelles comment pourquoi quand combien sur entre " +
              "aux ces cela être avoir fait faire peut peux donne donnez donner moi informations détails étapes solution solutions " +
              "problème problèmes question questions aide plus très aussi tout tous toute toutes"));

    private static Rules SpanishRules() => new(SpanishCandidate(), SpanishOpening(), SpanishPersonal(), SpanishFunction(), SpanishSupport(), SpanishFollowUp(),
        WordSet("los las una unos unas del por para con que qué cómo cuál cuáles quién quiénes cuándo dónde cuánto cuántos entre " +
              "sobre ser estar hace hacer puede dame deme información detalles pasos solución soluciones problema problemas " +
              "pregunta preguntas ayuda más muy también todo todos toda todas"));

    private static Rules ItalianRules() => new(ItalianCandidate(), ItalianOpening(), ItalianPersonal(), ItalianFunction(), ItalianSupport(), ItalianFollowUp(),
        WordSet("gli una uno del della dei delle per con che cosa chi quale quali come perché quando dove quanto quanti tra fra " +
              "sono essere fare può dammi informazioni dettagli passaggi soluzione soluzioni problema problemi domanda domande " +
              "aiuto più molto anche tutto tutti tutta tutte"));

    private static Rules PortugueseRules() => new(PortugueseCandidate(), PortugueseOpening(), PortuguesePersonal(), PortugueseFunction(), PortugueseSupport(),
        PortugueseFollowUp(),
        WordSet("uma uns umas dos das por para com que quem qual quais como quando onde quanto quantos entre sobre ser estar faz " +
              "fazer pode informações detalhes passos solução soluções problema problemas pergunta perguntas ajuda mais muito " +
              "também todo todos toda todas"));

    private static HashSet<string> WordSet(string words) => new(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    private const string Ask = @"(?<![\p{L}\p{N}'’])";

    [GeneratedRegex(Ask + @"(?:(?:Écris|Écrivez|Rédige|Rédigez|Compose|Composez|Raconte|Racontez|Explique|Expliquez|Décris|Décrivez|Résume|Résumez|Traduis|Traduisez|Donne-moi|Donnez-moi|Calcule|Calculez|Crée|Créez|Génère|Générez|Invente|Inventez|Énumère|Énumérez|Compare|Comparez|Définis|Définissez)\b" + RestOfSentence + @"[.!?]?|(?:Qui|Que|Qu['’]est-ce|Comment|Pourquoi|Quand|Où|Combien)\b" + RestOfSentence + @"\?)")]
    private static partial Regex FrenchCandidate();

    [GeneratedRegex(@"^(?:(?:donne|donnez)-moi\b)?|^qu['’]est-ce\s+que\s+", RegexOptions.IgnoreCase)]
    private static partial Regex FrenchOpening();

    [GeneratedRegex(@"\b(je|j|me|m|moi|mon|ma|mes|nous|notre|nos|vous|votre|vos|tu|te|t|toi|ton|ta|tes|ce|cet|cette|ces|ceci|cela|ça|ici|ci-dessus|ci-dessous|joint\w*|suivant\w*|encore|autre\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FrenchPersonal();

    [GeneratedRegex(@"\b(le|la|les|un|une|des|du|de|et|ou|est|sont|dans|pour|sur|avec|par|qui|que|quel|quelle|comment|pourquoi)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FrenchFunction();

    [GeneratedRegex(@"\b(rembours\w*|retour\w*|garantie\w*|livr\w*|expédi\w*|envoi\w*|commande\w*|factur\w*|paiement\w*|pay\w*|prélèvement\w*|compte\w*|abonnement\w*|mot\s+de\s+passe|connexion|prix|tarif\w*|coût\w*|réduction\w*|remise\w*|remplace\w*|répar\w*|produit\w*|appareil\w*|application\w*|appli|client\w*|contrat\w*|annul\w*|résili\w*|achat\w*|achet\w*|reçu|colis|suivi|magasin\w*|boutique\w*|horaires?|manuel\w*|mode\s+d['’]emploi|numéro\s+de\s+série|firmware|install\w*|erreur\w*|réinitialis\w*|batterie\w*|support|service\w*|licence\w*|logiciel\w*|mise\s+à\s+jour|serveur\w*|données|système\w*|réseau\w*|accès|sécurité|confidentialité|protection\w*|chiffr\w*|garanti\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FrenchSupport();

    [GeneratedRegex(@"^(et\s+(pour|le|la|les|du|des)|qu['’]en\s+est-il)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FrenchFollowUp();

    [GeneratedRegex(Ask + @"¿?(?:(?:Escribe|Escriba|Redacta|Redacte|Compón|Componga|Cuéntame|Cuénteme|Explica|Explique|Describe|Describa|Resume|Resuma|Traduce|Traduzca|Dame|Deme|Calcula|Calcule|Crea|Genera|Genere|Inventa|Invente|Enumera|Enumere|Compara|Define|Defina)\b" + RestOfSentence + @"[.!?]?|(?:Qué|Quién|Quiénes|Cómo|Por\s+qué|Cuándo|Dónde|Cuánto|Cuántos|Cuántas)\b" + RestOfSentence + @"\?)")]
    private static partial Regex SpanishCandidate();

    [GeneratedRegex(@"^¿?\s*(?:(?:dame|deme|cuéntame|cuénteme)\b)?|^¿?\s*qué\s+es\s+", RegexOptions.IgnoreCase)]
    private static partial Regex SpanishOpening();

    [GeneratedRegex(@"\b(yo|me|mi|mis|mío|mía|conmigo|nosotros|nosotras|nos|nuestr\w*|usted|ustedes|su|sus|tu|tus|te|ti|este|esta|estos|estas|esto|eso|esa|ese|aquí|arriba|abajo|adjunt\w*|siguiente\w*|otr[oa]s?|puedo|podemos|debo|necesito|necesitamos|quiero|queremos|tengo|tenemos|he|hemos)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpanishPersonal();

    [GeneratedRegex(@"\b(el|la|los|las|un|una|del|y|es|son|en|para|por|con|que|qué|cómo|cuál)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpanishFunction();

    [GeneratedRegex(@"\b(reembols\w*|devol\w*|garantía\w*|entreg\w*|envío\w*|envi\w*|pedido\w*|factur\w*|pago\w*|pag\w*|cobr\w*|cuenta\w*|suscrip\w*|contraseña\w*|acceso|precio\w*|tarifa\w*|coste\w*|costo\w*|descuento\w*|reemplaz\w*|repar\w*|producto\w*|dispositivo\w*|aplicación\w*|app|cliente\w*|contrato\w*|cancel\w*|compra\w*|recibo\w*|paquete\w*|seguimiento|tienda\w*|horario\w*|manual\w*|número\s+de\s+serie|firmware|instal\w*|error\w*|restablec\w*|restablez\w*|batería\w*|soporte|servicio\w*|licencia\w*|software|actualiza\w*|servidor\w*|datos|sistema\w*|red|seguridad|privacidad|protección|cifr\w*|garantiz\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpanishSupport();

    [GeneratedRegex(@"^¿?\s*(y\s+(qué|el|la|los|las)|qué\s+pasa\s+con)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpanishFollowUp();

    [GeneratedRegex(Ask + @"(?:(?:Scrivi|Scriva|Componi|Racconta|Racconti|Spiega|Spieghi|Descrivi|Descriva|Riassumi|Riassuma|Traduci|Traduca|Dammi|Calcola|Calcoli|Crea|Crei|Genera|Generi|Inventa|Inventi|Elenca|Elenchi|Confronta|Definisci)\b" + RestOfSentence + @"[.!?]?|(?:Che|Cosa|Chi|Come|Perché|Quando|Dove|Quanto|Quanti|Quante)\b" + RestOfSentence + @"\?)")]
    private static partial Regex ItalianCandidate();

    [GeneratedRegex(@"^(?:dammi\b)?|^(?:che\s+cos['’]è|cos['’]è)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ItalianOpening();

    [GeneratedRegex(@"\b(io|mi|me|mio|mia|miei|mie|noi|ci|nostr\w*|lei|voi|vostr\w*|tu|ti|te|tuo|tua|questo|questa|questi|queste|qui|qua|sopra|sotto|allegat\w*|seguent\w*|ancora|altr[oaie]|posso|possiamo|devo|dobbiamo|vorrei|voglio|ho|abbiamo)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ItalianPersonal();

    [GeneratedRegex(@"\b(il|lo|la|gli|le|un|una|uno|di|del|della|e|è|sono|in|per|con|su|che|come|quale)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ItalianFunction();

    [GeneratedRegex(@"\b(rimbors\w*|reso|resi|restitu\w*|garanzia\w*|consegn\w*|spedi\w*|ordin\w*|fattur\w*|pagament\w*|pag\w*|addebit\w*|account|abbonament\w*|password|accesso|prezz\w*|tariff\w*|cost\w*|scont\w*|sostitu\w*|ripar\w*|prodott\w*|dispositiv\w*|app|client\w*|contratt\w*|annull\w*|disdett\w*|acquist\w*|ricevut\w*|pacc\w*|tracciamento|negozi\w*|orari\w*|manuale\w*|numero\s+di\s+serie|firmware|install\w*|error\w*|reimpost\w*|batteri\w*|supporto|assistenza|servizi\w*|licenz\w*|software|aggiorna\w*|server|dati|sistem\w*|rete|sicurezza|privacy|protezione|crittograf\w*|garanti\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ItalianSupport();

    [GeneratedRegex(@"^(e\s+(per|il|la|lo|i|gli|le|riguardo)|che\s+ne\s+è)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ItalianFollowUp();

    [GeneratedRegex(Ask + @"(?:(?:Escreve|Escreva|Redige|Redija|Compõe|Componha|Explica|Explique|Descreve|Descreva|Resume|Resuma|Traduz|Traduza|Dá-me|Dê-me|Calcula|Calcule|Cria|Crie|Gera|Gere|Inventa|Invente|Enumera|Enumere|Compara|Define|Defina)\b" + RestOfSentence + @"[.!?]?|(?:O\s+que|Quem|Como|Por\s+que|Porque|Quando|Onde|Quanto|Quantos|Quantas)\b" + RestOfSentence + @"\?)")]
    private static partial Regex PortugueseCandidate();

    [GeneratedRegex(@"^(?:(?:dá|dê)-me\b)?|^o\s+que\s+é\s+", RegexOptions.IgnoreCase)]
    private static partial Regex PortugueseOpening();

    [GeneratedRegex(@"\b(eu|me|mim|meu|minha|meus|minhas|nós|nos|noss\w*|você|vocês|seu|sua|seus|suas|te|ti|teu|tua|este|esta|isto|esse|essa|isso|aqui|acima|abaixo|anex\w*|seguinte\w*|outr[oa]s?|posso|podemos|devo|preciso|precisamos|quero|queremos|tenho|temos)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PortuguesePersonal();

    [GeneratedRegex(@"\b(o|a|os|as|um|uma|de|do|da|e|é|são|em|no|na|para|por|com|que|como|qual)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PortugueseFunction();

    [GeneratedRegex(@"\b(reembols\w*|devolu\w*|garantia\w*|entreg\w*|envi\w*|pedido\w*|encomenda\w*|fatura\w*|pagament\w*|pag\w*|cobran\w*|conta\w*|assinatura\w*|senha\w*|acesso|preço\w*|tarifa\w*|custo\w*|desconto\w*|substitu\w*|repar\w*|produto\w*|dispositivo\w*|aplicativo\w*|app|cliente\w*|contrato\w*|cancel\w*|compra\w*|recibo\w*|pacote\w*|rastreamento|loja\w*|horário\w*|manual\w*|número\s+de\s+série|firmware|instal\w*|erro\w*|redefin\w*|bateria\w*|suporte|serviço\w*|licença\w*|software|atualiza\w*|servidor\w*|dados|sistema\w*|rede|segurança|privacidade|proteção|criptograf\w*|garanti\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PortugueseSupport();

    [GeneratedRegex(@"^(e\s+(quanto|o|a|os|as|sobre))\b", RegexOptions.IgnoreCase)]
    private static partial Regex PortugueseFollowUp();
}
