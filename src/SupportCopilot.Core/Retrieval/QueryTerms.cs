using System.Globalization;
using System.Text;

namespace SupportCopilot.Core.Retrieval;

/// <summary>
/// Turns free text into a short list of search terms. Stop-words are dropped and the count is capped
/// because FTS5 scores every matching row: a query of common words over a large index is slow and says nothing.
/// </summary>
public static class QueryTerms
{
    public const int DefaultMaxTerms = 16;

    internal static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        // English function words and support-mail filler
        "a","about","after","again","all","also","am","an","and","any","are","as","at","be","been","before","being","but","by",
        "can","could","did","do","does","doing","for","from","get","got","had","has","have","having","he","her","here","hers",
        "him","his","how","i","if","in","into","is","it","its","just","me","my","no","not","now","of","off","on","once","only",
        "or","our","out","over","own","same","she","should","so","some","such","than","that","the","their","them","then",
        "there","these","they","this","those","through","to","too","under","until","up","very","was","we","were","what","when",
        "where","which","while","who","whom","why","will","with","would","you","your","yours","im","ive","dont","cant","its",
        "hi","hello","hey","dear","thanks","thank","regards","best","cheers","please","kind","team","support","help","need",
        "want","still","one","two","there","get","let","know","like","really","since","yet","way","use","using","used",
        // a few high-frequency words of the other languages our tickets arrive in
        "der","die","das","und","ist","ich","nicht","ein","eine","mit","bei","mein","meine","hallo","danke","bitte",
        "el","la","los","las","y","es","en","un","una","mi","por","para","con","hola","gracias","que","de","le","les","et",
        "est","je","ne","pas","mon","ma","avec","pour","bonjour","merci",
    };

    /// <param name="distinct">False keeps repeats (term frequencies for sparse vectors).</param>
    public static IReadOnlyList<string> Extract(string text, int maxTerms = DefaultMaxTerms, bool distinct = true)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var ch in (text + " ").Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(ch)) { word.Append(char.ToLower(ch, CultureInfo.InvariantCulture)); continue; }
            if (ch == '\'' ) continue; // "don't" → "dont"
            if (word.Length >= 2 && !StopWords.Contains(word.ToString()) && (seen.Add(word.ToString()) || !distinct))
            {
                terms.Add(word.ToString());
                if (terms.Count == maxTerms) break;
            }
            word.Clear();
        }
        return terms;
    }

    /// <summary>Share of the query terms that occur in the passage (prefix match stands in for stemming).</summary>
    public static double Coverage(IReadOnlyList<string> terms, string passage)
    {
        if (terms.Count == 0) return 0;
        var lower = passage.ToLowerInvariant();
        var hits = terms.Count(t => lower.Contains(t.Length > 5 ? t[..^2] : t, StringComparison.Ordinal));
        return (double)hits / terms.Count;
    }
}
