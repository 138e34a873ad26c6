using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace SupportCopilot.Core.Drafting.Guards;

/// <summary>
/// The learned half of the injection detector: a sentence classifier (word 1–2-grams and character 4-grams,
/// <see cref="SentenceFeatures"/>; logistic regression fitted by ML.NET's L-BFGS, scored as a plain dot product) that
/// tells a sentence addressed to an assistant ("Explain the theory of relativity", "Add a compelling reason in your
/// response…") from a customer's sentence. The
/// rules catch the attack shapes they were written for; this catches orders and off-topic tasks phrased otherwise.
/// A text scores as its most instruction-like sentence (or tail of one, see <see cref="Scores"/>), so a long ticket does not
/// dilute one planted line.
/// For customer messages only: manuals are written in the imperative to "you" ("Lift the helmet off your head"), and
/// the classifier flagged 4 of our 100 sample chunks and 21 of 309 E-Manual sections at its threshold — passages keep
/// the rules alone.
/// </summary>
public sealed partial class InstructionClassifier
{
    private readonly float[] _weights;
    private readonly float _bias;

    /// <summary>The score at or above which a sentence counts as an instruction to the model.</summary>
    public double Threshold { get; }

    private InstructionClassifier(float[] weights, float bias, double threshold)
    {
        (_weights, _bias) = (weights, bias);
        Threshold = threshold;
    }

    /// <summary>Trains on attack instructions and ordinary sentences (customers'). Attacks are few beside thousands
    /// of ordinary sentences, so each is repeated until the classes weigh about the same in the fit.</summary>
    public static InstructionClassifier Train(IReadOnlyCollection<string> attacks, IReadOnlyCollection<string> benign, double threshold)
    {
        if (attacks.Count == 0 || benign.Count == 0) throw new ArgumentException("Training needs attack and ordinary sentences.");
        var repeat = Math.Max(1, benign.Count / attacks.Count / 2);
        var examples = attacks.SelectMany(a => Enumerable.Repeat(ToExample(a, true), repeat)).Concat(benign.Select(b => ToExample(b, false)));
        var ml = new MLContext(seed: 7);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new Microsoft.ML.Trainers.LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L2Regularization = 0.01f, L1Regularization = 0, OptimizationTolerance = 1e-4f,
        });
        var model = trainer.Fit(ml.Data.LoadFromEnumerable(examples));
        // The logistic regression's raw score is the log-odds: the weights and bias are all scoring needs.
        var linear = model.Model.SubModel;
        var weights = new float[SentenceFeatures.Size];
        linear.Weights.ToArray().CopyTo(weights, 0);
        return new InstructionClassifier(weights, linear.Bias, threshold);
    }

    private static Example ToExample(string sentence, bool attack)
    {
        var (indices, values) = SentenceFeatures.Of(Normalise(sentence));
        return new Example { Label = attack, Features = new VBuffer<float>(SentenceFeatures.Size, indices.Length, values, indices) };
    }

    private sealed class Example
    {
        public bool Label { get; set; }
        [VectorType(SentenceFeatures.Size)] public VBuffer<float> Features { get; set; }
    }

    /// <summary>
    /// Where each character of <paramref name="sentence"/> lands in its normalised form (lower case and digits keep their
    /// place; a run of spaces becomes one; the ends are trimmed), in one pass — cutting and normalising every tail instead
    /// made a 100,000-character ticket without full stops quadratic. Null when the walk does not reproduce the normalised
    /// text (a character whose lower case has another length): the sentence is then scored whole.
    /// </summary>
    private static int[]? NormalisedOffsets(string sentence, string normalised)
    {
        var offsets = new int[sentence.Length];
        var position = 0;
        var pendingSpace = false;
        for (var i = 0; i < sentence.Length; i++)
        {
            if (char.IsWhiteSpace(sentence[i])) { pendingSpace = position > 0; continue; }
            if (pendingSpace) { position++; pendingSpace = false; }
            offsets[i] = position++;
        }
        return position == normalised.Length ? offsets : null;
    }

    /// <summary>The probability that one sentence is an instruction to a model.</summary>
    internal double Score(string sentence) => ScoreNormalised(Normalise(sentence));

    private double ScoreNormalised(string normalised)
    {
        var (indices, values) = SentenceFeatures.Of(normalised);
        var logit = (double)_bias;
        for (var i = 0; i < indices.Length; i++) logit += _weights[indices[i]] * values[i];
        return 1 / (1 + Math.Exp(-logit));
    }

    /// <summary>The threshold the product uses, chosen on held-out text (eval/README.md, "A learned injection signal"):
    /// at 0.7 a fresh deployment flags 2 of 2,181 real tickets (0.8: none, but held-out attacks fall from 0.52 to 0.47).</summary>
    public const double DefaultThreshold = 0.7;

    /// <summary>Trained on the shipped sentences (Training/attacks.txt, Training/benign.txt) plus <paramref name="ownSentences"/>:
    /// sentences of this deployment's own customer messages, which teach it how this team's customers write (without
    /// them, held-out real tickets scoring ≥ 0.5 fell from 13 of 2,181 to 0 of 437).</summary>
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

    /// <summary>The most instruction-like sentence or sentence tail of the text with its score and position (score 0 for an empty text).</summary>
    public (double Score, int Start, int Length) Strongest(string text)
    {
        var best = (Score: 0.0, Start: 0, Length: 0);
        text = InjectionDetector.BlankCourtesy(text); // a sign-off is never the instruction
        foreach (var (start, length) in Sentences(text))
            foreach (var (from, score) in Scores(text.Substring(start, length)))
                if (score > best.Score) best = (score, start + from, length - from);
        return best;
    }

    /// <summary>
    /// The sentence's score, and the score of every tail that starts at a capital after a lower-case word without a full
    /// stop ("… see you on Friday Write a poem about …"): an instruction planted inside a sentence or glued to a mail's
    /// last words is otherwise read together with them and diluted (BIPIA, leave one category out: middle 0.510, end
    /// 0.436 at 0.7; scored apart 0.622 / 0.599 — eval/README.md). One featurisation per sentence: the features are
    /// added from the end, and each tail's score is read as the sweep passes its start.
    /// </summary>
    internal IEnumerable<(int From, double Score)> Scores(string sentence)
    {
        var normalised = Normalise(sentence);
        var glued = GluedStart().Matches(sentence);
        if (glued.Count == 0) return [(0, ScoreNormalised(normalised))];
        var tails = new List<(int From, int Offset)> { (0, 0) };
        var offsets = NormalisedOffsets(sentence, normalised);
        if (offsets is not null)
        {
            // Words after each position of the normalised text (single spaces between words): a tail needs four.
            var spacesAfter = new int[normalised.Length + 1];
            for (var i = normalised.Length - 1; i >= 0; i--) spacesAfter[i] = spacesAfter[i + 1] + (normalised[i] == ' ' ? 1 : 0);
            foreach (Match m in glued)
            {
                var offset = offsets[m.Index];
                if (spacesAfter[offset] + 1 < 4) break; // later tails are shorter still
                if (normalised[offset] != char.ToLowerInvariant(sentence[m.Index])) continue; // not where the walk says: leave it
                tails.Add((m.Index, offset));
            }
        }
        if (tails.Count == 1) return [(0, ScoreNormalised(normalised))];

        var features = SentenceFeatures.Occurrences(normalised);
        features.Sort((a, b) => b.Position.CompareTo(a.Position));
        var counts = new Dictionary<int, int>(features.Count);
        double dot = 0, squares = 0;
        var scores = new List<(int, double)>(tails.Count);
        var next = 0;
        for (var t = tails.Count - 1; t >= 0; t--)
        {
            for (; next < features.Count && features[next].Position >= tails[t].Offset; next++)
            {
                var slot = features[next].Slot;
                var c = counts.GetValueOrDefault(slot);
                counts[slot] = c + 1;
                dot += _weights[slot];
                squares += 2 * c + 1;
            }
            var logit = _bias + (squares == 0 ? 0 : dot / Math.Sqrt(squares));
            scores.Add((tails[t].From, 1 / (1 + Math.Exp(-logit))));
        }
        return scores;
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
    // A capital after a lower-case word, a digit or a comma-like mark and a space: where a planted order can begin mid-sentence.
    [GeneratedRegex(@"(?<=[\p{Ll}\d,;:)]\s+)\p{Lu}")] private static partial Regex GluedStart();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();
}
