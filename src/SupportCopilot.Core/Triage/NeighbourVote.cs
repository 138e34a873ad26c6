using System.Numerics.Tensors;

namespace SupportCopilot.Core.Triage;

/// <summary>
/// The labelled tickets' embeddings (the retrieval embedding model's) and labels: a k-nearest-neighbour vote for one
/// triage field. It learns from a handful of examples per class what n-grams need hundreds for, which is why it
/// carried most of the gain on real tickets (issue 19, eval/README.md). Stored with the field's model, half precision.
/// </summary>
public sealed class NeighbourVote
{
    /// <summary>Neighbours asked; their votes weigh exp(Sharpness · cosine), so the closest count most.</summary>
    public const int K = 10;
    private const double Sharpness = 10;

    public string Model { get; }
    public IReadOnlyList<string> Classes { get; }
    private readonly int[] _labels;
    private readonly float[][] _vectors;

    public NeighbourVote(string model, IReadOnlyList<string> classes, IReadOnlyList<(float[] Vector, string Label)> examples)
    {
        (Model, Classes) = (model, classes);
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        _labels = examples.Select(e => index[e.Label]).ToArray();
        _vectors = examples.Select(e => Normalised(e.Vector)).ToArray();
    }

    public int Count => _labels.Length;

    /// <summary>Class probabilities (in <see cref="Classes"/> order) from the K most similar labelled tickets.</summary>
    public double[] Probabilities(ReadOnlySpan<float> query)
    {
        var q = Normalised(query.ToArray());
        var best = new PriorityQueue<int, float>(K + 1); // min-heap of the K best similarities
        for (var i = 0; i < _vectors.Length; i++)
        {
            best.Enqueue(i, TensorPrimitives.Dot(q, _vectors[i]));
            if (best.Count > K) best.Dequeue();
        }
        var votes = new double[Classes.Count];
        while (best.TryDequeue(out var i, out var s)) votes[_labels[i]] += Math.Exp(Sharpness * s);
        var sum = votes.Sum();
        return sum == 0 ? votes : votes.Select(v => v / sum).ToArray();
    }

    public byte[] Save()
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms))
        {
            w.Write(1); // format version
            w.Write(Model);
            w.Write(Classes.Count);
            foreach (var c in Classes) w.Write(c);
            w.Write(_vectors.Length);
            w.Write(_vectors.Length == 0 ? 0 : _vectors[0].Length);
            for (var i = 0; i < _vectors.Length; i++)
            {
                w.Write(_labels[i]);
                foreach (var x in _vectors[i]) w.Write((Half)x);
            }
        }
        return ms.ToArray();
    }

    public static NeighbourVote Load(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false));
        if (r.ReadInt32() != 1) throw new InvalidDataException("Unknown neighbour-vote format.");
        var model = r.ReadString();
        var classes = Enumerable.Range(0, r.ReadInt32()).Select(_ => r.ReadString()).ToList();
        var (count, dims) = (r.ReadInt32(), r.ReadInt32());
        var examples = new List<(float[], string)>(count);
        for (var i = 0; i < count; i++)
        {
            var label = classes[r.ReadInt32()];
            var v = new float[dims];
            for (var d = 0; d < dims; d++) v[d] = (float)r.ReadHalf();
            examples.Add((v, label));
        }
        return new NeighbourVote(model, classes, examples);
    }

    private static float[] Normalised(float[] v)
    {
        var norm = TensorPrimitives.Norm(v);
        if (norm > 0) TensorPrimitives.Divide(v, norm, v);
        return v;
    }
}
