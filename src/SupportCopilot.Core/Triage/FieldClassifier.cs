using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace SupportCopilot.Core.Triage;

/// <summary>
/// An ML.NET text classifier for one triage field: word 1–2-grams and character 3–4-grams, then a maximum-entropy
/// model (SDCA), whose class probabilities give the confidence. Saved as ML.NET's model zip so it can live in the database.
/// </summary>
public sealed class FieldClassifier
{
    private readonly MLContext _ml = new(seed: 7);
    private readonly ITransformer _model;
    private readonly PredictionEngine<Input, Output> _engine;
    private readonly Lock _gate = new(); // a PredictionEngine is not thread-safe

    public IReadOnlyList<string> Classes { get; }

    private FieldClassifier(ITransformer model, IReadOnlyList<string> classes)
    {
        _model = model;
        Classes = classes;
        _engine = _ml.Model.CreatePredictionEngine<Input, Output>(model);
    }

    /// <summary>Trains on (text, label) pairs. Needs at least two classes.</summary>
    public static FieldClassifier Train(IReadOnlyList<(string Text, string Label)> examples)
    {
        var classes = examples.Select(e => e.Label).Distinct().Order().ToList();
        if (classes.Count < 2) throw new ArgumentException("A classifier needs examples of at least two classes.", nameof(examples));
        var ml = new MLContext(seed: 7);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new Input { Text = e.Text, Label = e.Label }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = false },
                StopWordsRemoverOptions = null,
            }, nameof(Input.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 30))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return new FieldClassifier(pipeline.Fit(data), classes);
    }

    public (string Label, double Confidence) Predict(string text)
    {
        Output output;
        lock (_gate) output = _engine.Predict(new Input { Text = text });
        return (output.PredictedLabel ?? Classes[0], Math.Round(output.Score.Length == 0 ? 0 : output.Score.Max(), 4));
    }

    public byte[] Save()
    {
        using var ms = new MemoryStream();
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<Input>()).Schema;
        _ml.Model.Save(_model, schema, ms);
        return ms.ToArray();
    }

    public static FieldClassifier Load(byte[] bytes, IReadOnlyList<string> classes)
    {
        var ml = new MLContext(seed: 7);
        using var ms = new MemoryStream(bytes, writable: false);
        return new FieldClassifier(ml.Model.Load(ms, out _), classes);
    }

    private sealed class Input
    {
        public string Text { get; set; } = "";
        public string Label { get; set; } = "";
    }

    private sealed class Output
    {
        public string? PredictedLabel { get; set; }
        public float[] Score { get; set; } = [];
    }
}
