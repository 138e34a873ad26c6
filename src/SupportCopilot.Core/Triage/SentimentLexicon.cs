namespace SupportCopilot.Core.Triage;

/// <summary>
/// Rules for sentiment: no labelled sentiment exists to train on, so a small lexicon of complaint and praise words
/// (English, German, Spanish, French) decides, and the confidence grows with the margin. Replaced by a trained
/// classifier as soon as corrections provide labels.
/// </summary>
public static class SentimentLexicon
{
    private static readonly HashSet<string> Negative =
    [
        "unacceptable", "disappointed", "disappointing", "angry", "terrible", "awful", "worst", "useless", "broken", "scam", "furious",
        "frustrated", "frustrating", "ridiculous", "never", "refund", "complaint", "poor", "bad", "fails", "failed", "still", "again",
        "enttäuscht", "schlecht", "kaputt", "ärgerlich", "inaceptable", "decepcionado", "roto", "déçu", "inacceptable", "cassé", "nul",
    ];

    private static readonly HashSet<string> Positive =
    [
        // "thanks" is left out on purpose: nearly every support mail says it, whatever the mood.
        "great", "love", "happy", "excellent", "perfect", "awesome", "amazing", "pleased", "wonderful", "appreciate",
        "super", "toll", "genial", "parfait",
    ];

    public static (string Sentiment, double Confidence) Detect(string text)
    {
        var words = text.ToLowerInvariant().Split([' ', '\n', ',', '.', '!', '?', ';', ':'], StringSplitOptions.RemoveEmptyEntries);
        var neg = words.Count(Negative.Contains) + text.Count(c => c == '!') / 3;
        var pos = words.Count(Positive.Contains);
        if (neg == pos) return ("neutral", neg == 0 ? 0.6 : 0.4);
        var (label, margin) = neg > pos ? ("negative", neg - pos) : ("positive", pos - neg);
        return (label, Math.Min(0.95, 0.55 + 0.1 * margin));
    }
}
