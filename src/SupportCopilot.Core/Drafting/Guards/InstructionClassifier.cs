using System.Text.RegularExpressions;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Drafting.Guards;

/// <summary>
/// The learned half of the injection detector: a sentence classifier (word 1–2-grams, character 4-grams, maximum
/// entropy — the triage field classifier with two classes) that tells a sentence addressed to an assistant ("Explain the
/// theory of relativity", "Add a compelling reason in your response…") from a customer's or a manual's sentence. The
/// rules catch the attack shapes they were written for; this catches orders and off-topic tasks phrased otherwise.
/// A text scores as its most instruction-like sentence, so a long ticket does not dilute one planted line.
/// For customer messages only: manuals are written in the imperative to "you" ("Lift the helmet off your head"), and
/// the classifier flagged 8 of our 100 sample chunks and 37 of 309 E-Manual sections at its threshold — passages keep
/// the rules alone.
/// </summary>
public sealed partial class InstructionClassifier
{
    private const string Attack = "attack", Benign = "benign";
    private readonly FieldClassifier _model;
    private readonly int _attackSlot;

    /// <summary>The score at or above which a sentence counts as an instruction to the model.</summary>
    public double Threshold { get; }

    private InstructionClassifier(FieldClassifier model, double threshold)
    {
        _model = model;
        _attackSlot = model.Classes.ToList().IndexOf(Attack);
        Threshold = threshold;
    }

    /// <summary>Trains on attack instructions and ordinary sentences (tickets, manuals). Attacks are few beside thousands
    /// of ordinary sentences, so each is repeated until the classes weigh about the same in the fit.</summary>
    public static InstructionClassifier Train(IReadOnlyCollection<string> attacks, IReadOnlyCollection<string> benign, double threshold)
    {
        if (attacks.Count == 0 || benign.Count == 0) throw new ArgumentException("Training needs attack and ordinary sentences.");
        var repeat = Math.Max(1, benign.Count / attacks.Count / 2);
        var examples = attacks.SelectMany(a => Enumerable.Repeat((Normalise(a), Attack), repeat))
            .Concat(benign.Select(b => (Normalise(b), Benign))).ToList();
        return new InstructionClassifier(FieldClassifier.Train(examples), threshold);
    }

    /// <summary>The threshold the product uses: at 0.9 no sentence of 437 held-out real tickets scored above it once the
    /// deployment's own tickets were in training (eval/README.md, "A learned injection signal").</summary>
    public const double DefaultThreshold = 0.9;

    /// <summary>Trained on the shipped sentences (Training/attacks.txt, Training/benign.txt) plus <paramref name="ownSentences"/>:
    /// sentences of this deployment's own customer messages, which teach it how this team's customers write (without
    /// them "I eagerly await your response" read like an order about the reply on 1.4 % of real tickets).</summary>
    public static InstructionClassifier TrainShipped(IEnumerable<string> ownSentences, double threshold = DefaultThreshold) =>
        Train(ShippedAttacks(), ShippedBenign().Concat(ownSentences).Distinct().ToList(), threshold);

    public static List<string> ShippedAttacks() => Shipped("attacks.txt");
    public static List<string> ShippedBenign() => Shipped("benign.txt");

    private static List<string> Shipped(string name)
    {
        using var stream = typeof(InstructionClassifier).Assembly.GetManifestResourceStream($"SupportCopilot.Core.Drafting.Guards.Training.{name}")
            ?? throw new InvalidOperationException($"The training file {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
    }

    /// <summary>The most instruction-like sentence of the text with its score and position (score 0 for an empty text).</summary>
    public (double Score, int Start, int Length) Strongest(string text)
    {
        var best = (Score: 0.0, Start: 0, Length: 0);
        text = InjectionDetector.BlankCourtesy(text); // a sign-off is never the instruction
        foreach (var (start, length) in Sentences(text))
        {
            var score = _model.Probabilities(Normalise(text.Substring(start, length)))[_attackSlot];
            if (score > best.Score) best = (score, start, length);
        }
        return best;
    }

    /// <summary>Sentences of a ticket, e-mail or passage: split at line breaks, '|' field separators and sentence ends.
    /// Fragments under four words are skipped (signatures, headers, "Thanks!", "SUBJECT: Your Receipt" — the shortest BIPIA
    /// instruction has five).</summary>
    public static IEnumerable<(int Start, int Length)> Sentences(string text) =>
        SentencePattern().Matches(text).Where(m => WordCount(m.Value) >= 4).Select(m => (m.Index, m.Length));

    public static IEnumerable<string> SentenceTexts(string text) => Sentences(text).Select(s => text.Substring(s.Start, s.Length));

    private static int WordCount(string s) => s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Lower case, digits folded, spaces collapsed: the features should be the wording, not order numbers.</summary>
    private static string Normalise(string s) => Spaces().Replace(Digits().Replace(s.ToLowerInvariant(), "0"), " ").Trim();

    // A dot inside a word ("www.example.com", "v2.1") does not end a sentence.
    [GeneratedRegex(@"(?=[^\s|])(?:[^\r\n|.!?]|[.!?]+(?=[^\s|]))+[.!?]*")] private static partial Regex SentencePattern();
    [GeneratedRegex(@"\d")] private static partial Regex Digits();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();
}
