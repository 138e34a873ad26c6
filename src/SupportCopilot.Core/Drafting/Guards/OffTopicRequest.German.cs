using System.Text.RegularExpressions;

namespace SupportCopilot.Core.Drafting.Guards;

/// <summary>The German words of <see cref="OffTopicRequest"/>: "Was ist die Hauptstadt von Australien?", "Schreib ein Gedicht
/// über den Herbst." inside a message about something else.</summary>
internal static partial class OffTopicRequest
{
    // Bare du-imperatives, and questions (ending in "?": "Was bereits versucht wurde: …" is a heading). Customers ask
    // support with "Sie" ("Erklären Sie bitte…", "Können Sie…"), which the pointer check keeps as theirs anyway; an order
    // planted for a model is worded like a prompt. Not taken: "Liste" and "Dichte" (nouns as often as imperatives — every
    // German noun is capitalised) and "Welche…" (customers ask "Welche Protokolle werden angewendet…?" about our
    // practices: 3 of the 5 false alarms on 786 real German tickets).
    [GeneratedRegex(@"(?<![\p{L}\p{N}'’])(?:(?:Schreib|Schreibe|Erzähl|Erzähle|Erkläre|Erklär|Beschreibe|Fasse|Übersetze|Nenne|Berechne|Erstelle|Generiere|Gib\s+mir|Zeig\s+mir|Zeige\s+mir|Entwickle|Entwirf|Verfasse|Vergleiche|Analysiere|Definiere|Formuliere|Finde|Empfiehl)\b" + RestOfSentence + @"[.!?]?|(?:Was|Wer|Wie|Wann|Wo|Warum|Wieso|Weshalb|Wozu|Woher|Wohin)\b" + RestOfSentence + @"\?)")]
    private static partial Regex GermanCandidate();

    [GeneratedRegex(@"^(?:(?:gib|zeig|zeige|erkläre|erklär|erzähl|erzähle|beschreibe|nenne|schreib|schreibe)\s+mir\b)?|^(?:was|wie)\s+(?:ist|sind)\s+(?:denn\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex GermanOpening();

    [GeneratedRegex(@"\b(ich|mich|mir|mein\w*|wir|uns|unser\w*|du|dich|dir|dein\w*|sie|ihnen|ihr\w*|es|dies\w*|hier|oben|unten|anbei|beigefügt\w*|folgend\w*|mehr|noch|wieder|sonst|damit|dazu|davon|dafür)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GermanPersonal();

    [GeneratedRegex(@"\b(der|die|das|den|dem|des|ein|eine|einen|einem|einer|und|oder|ist|sind|war|von|zu|zum|zur|mit|für|über|auf|bei|nach|im|nicht|wie|was|wer|warum)\b", RegexOptions.IgnoreCase)]
    private static partial Regex German();

    [GeneratedRegex(@"\b(rückerstatt\w*|erstattung\w*|rücksend\w*|rückgabe\w*|zurückgeb\w*|umtausch\w*|garantie\w*|gewährleistung\w*|liefer\w*|versand\w*|versend\w*|verschick\w*|bestell\w*|rechnung\w*|zahlung\w*|bezahl\w*|abbuchung\w*|gebühr\w*|konto\w*|abo|abos|abonnement\w*|passwort\w*|kennwort\w*|anmeld\w*|login|preis\w*|tarif\w*|kosten\w*|kostet|rabatt\w*|gutschein\w*|ersatz\w*|austausch\w*|reparatur\w*|reparier\w*|produkt\w*|gerät\w*|app|kunde\w*|vertrag\w*|verträge\w*|kündig\w*|kauf\w*|gekauft|quittung\w*|beleg\w*|paket\w*|sendung\w*|shop|öffnungszeit\w*|handbuch\w*|anleitung\w*|seriennummer\w*|firmware|installier\w*|installation\w*|fehler\w*|zurücksetz\w*|akku\w*|support|service\w*|lizenz\w*|software|update\w*|server\w*|daten\w*|system\w*|netzwerk\w*|zugang\w*|zugriff\w*|sicherheit\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GermanSupport();

    [GeneratedRegex(@"^(was|wie)\s+(ist\s+)?mit\b|^(was|wie)\s+sieht\s+es\b", RegexOptions.IgnoreCase)]
    private static partial Regex GermanFollowUp();

    // German function words (the shared stop-word list holds only a few) and support filler, as for English.
    private static readonly HashSet<string> GermanIgnored = new(StringComparer.Ordinal)
    {
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "und", "oder", "aber",
        "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "hat", "haben", "hatte", "kann", "können",
        "könnte", "könnten", "soll", "sollte", "muss", "müssen", "von", "vom", "zum", "zur", "für", "über", "auf", "bei",
        "nach", "aus", "unter", "vor", "durch", "gegen", "ohne", "um", "als", "wie", "was", "wer", "wann", "warum", "wieso",
        "weshalb", "welche", "welcher", "welches", "welchen", "wozu", "woher", "wohin", "nicht", "auch", "nur", "schon",
        "sehr", "bitte", "gibt", "geben", "gib", "zeig", "zeige", "sich", "man", "alle", "allen", "alles", "jeden", "jede",
        "jeder", "jedes", "viele", "vielen", "einige", "andere", "anderen", "neue", "neuen", "neues", "beste", "besten",
        "informationen", "information", "details", "hinweise", "unterstützung", "hilfe", "schritte", "schritten", "lösung",
        "lösungen", "problem", "probleme", "problemen", "frage", "fragen", "möglichkeit", "möglichkeiten", "optionen",
        "maßnahmen", "weitere", "weiteren", "nächste", "nächsten", "empfehlung", "empfehlungen", "dokumentation",
        "ressourcen", "verfügbar", "notwendig", "erforderlich", "genau", "bereitstellen", "vorgehensweise", "ablauf",
        "funktioniert", "funktionieren", "gehen", "geht", "machen", "macht", "tun", "sollten",
    };
}
