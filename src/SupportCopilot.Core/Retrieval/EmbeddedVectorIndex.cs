using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SupportCopilot.Core.Retrieval;

/// <summary>
/// Exact nearest-neighbour search over vectors kept in one contiguous array, scored with SIMD dot products
/// (vectors are normalised on the way in, so a dot product is the cosine). The scan is memory-bound: about 23 GB/s
/// per core here, so 100k × 768 float32 costs ~13 ms. Readers share a lock; writers (the sync) take it alone.
/// With <paramref name="int8"/> (`Search:Quantization = Int8`) each normalised vector is stored as signed bytes with one
/// scale (its largest component ÷ 127): a quarter of the memory and of the bytes to scan, cosine off by about 0.001.
/// </summary>
public sealed class EmbeddedVectorIndex(bool int8 = false)
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<int, int> _rowOfChunk = [];
    private float[] _vectors = [];
    private sbyte[] _codes = [];
    private float[] _scales = [];
    private int[] _chunkIds = [];
    private int[] _documentIds = [];
    private int _count;

    public int Dimensions { get; private set; }
    public string? Model { get; private set; }
    public bool Int8 => int8;

    public int Count
    {
        get { _lock.EnterReadLock(); try { return _count; } finally { _lock.ExitReadLock(); } }
    }

    public IReadOnlyCollection<int> ChunkIds()
    {
        _lock.EnterReadLock();
        try { return _rowOfChunk.Keys.ToList(); }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Adds or replaces vectors. A different model or dimension empties the index first (vectors of two models do not compare).</summary>
    public void Upsert(string model, IEnumerable<(int ChunkId, int DocumentId, float[] Vector)> items)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var (chunkId, documentId, vector) in items)
            {
                if (Model != model || Dimensions != vector.Length) Reset(model, vector.Length);
                if (!_rowOfChunk.TryGetValue(chunkId, out var row))
                {
                    row = _count++;
                    EnsureCapacity(_count);
                    _rowOfChunk[chunkId] = row;
                }
                var target = int8 ? new float[Dimensions] : _vectors.AsSpan(row * Dimensions, Dimensions);
                vector.CopyTo(target);
                var norm = TensorPrimitives.Norm(target);
                if (norm > 0) TensorPrimitives.Divide(target, norm, target);
                if (int8) _scales[row] = Quantize(target, _codes.AsSpan(row * Dimensions, Dimensions));
                _chunkIds[row] = chunkId;
                _documentIds[row] = documentId;
            }
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>Removes chunks by moving the last row into each freed slot, so the array stays dense for scanning.</summary>
    public void Remove(IEnumerable<int> chunkIds)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var chunkId in chunkIds)
            {
                if (!_rowOfChunk.Remove(chunkId, out var row)) continue;
                var last = --_count;
                if (row != last)
                {
                    if (int8)
                    {
                        _codes.AsSpan(last * Dimensions, Dimensions).CopyTo(_codes.AsSpan(row * Dimensions, Dimensions));
                        _scales[row] = _scales[last];
                    }
                    else _vectors.AsSpan(last * Dimensions, Dimensions).CopyTo(_vectors.AsSpan(row * Dimensions, Dimensions));
                    _chunkIds[row] = _chunkIds[last];
                    _documentIds[row] = _documentIds[last];
                    _rowOfChunk[_chunkIds[row]] = row;
                }
            }
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>The k most similar chunks (cosine, best first), optionally only of the given documents.</summary>
    public IReadOnlyList<(int ChunkId, float Score)> Search(ReadOnlySpan<float> query, int k, IReadOnlySet<int>? documentIds = null)
    {
        _lock.EnterReadLock();
        try
        {
            if (_count == 0 || query.Length != Dimensions || k <= 0) return [];
            var q = query.ToArray();
            var norm = TensorPrimitives.Norm(q);
            if (norm > 0) TensorPrimitives.Divide(q, norm, q);
            var qCodes = int8 ? new sbyte[Dimensions] : null;
            var qScale = int8 ? Quantize(q, qCodes) : 0;
            // Large indexes are scanned in parallel slices, each keeping its own best k, then merged: the scan is the
            // whole cost of a dense search, and it is memory- and SIMD-bound per core.
            var parts = _count >= ParallelFromRows ? Math.Clamp(Environment.ProcessorCount, 1, 8) : 1;
            var heaps = new PriorityQueue<int, float>[parts];
            if (parts == 1) heaps[0] = Scan(0, _count, k, q, qCodes, qScale, documentIds);
            else Parallel.For(0, parts, p => heaps[p] = Scan((int)((long)_count * p / parts), (int)((long)_count * (p + 1) / parts), k, q, qCodes, qScale, documentIds));
            var best = heaps[0];
            for (var p = 1; p < parts; p++)
                while (heaps[p].TryDequeue(out var row, out var score))
                    if (best.Count < k) best.Enqueue(row, score);
                    else if (best.TryPeek(out _, out var worst) && score > worst) best.EnqueueDequeue(row, score);
            var result = new List<(int, float)>(best.Count);
            while (best.TryDequeue(out var row, out var score)) result.Add((_chunkIds[row], score));
            result.Reverse();
            return result;
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>From this many rows a search scans in parallel slices (below it, starting threads costs more than it saves).</summary>
    public const int ParallelFromRows = 200_000;

    /// <summary>The best k of rows [from, to) in a min-heap on score (the root is the worst of the best k). Called under the read lock.</summary>
    private PriorityQueue<int, float> Scan(int from, int to, int k, float[] q, sbyte[]? qCodes, float qScale, IReadOnlySet<int>? documentIds)
    {
        var best = new PriorityQueue<int, float>(k + 1);
        for (var row = from; row < to; row++)
        {
            if (documentIds is not null && !documentIds.Contains(_documentIds[row])) continue;
            var score = int8
                ? DotInt8(_codes.AsSpan(row * Dimensions, Dimensions), qCodes) * _scales[row] * qScale
                : TensorPrimitives.Dot(_vectors.AsSpan(row * Dimensions, Dimensions), q);
            if (best.Count < k) best.Enqueue(row, score);
            else if (best.TryPeek(out _, out var worst) && score > worst) best.EnqueueDequeue(row, score);
        }
        return best;
    }

    /// <summary>Gives back the growth headroom after a bulk load (capacity doubles while rows are appended).</summary>
    public void TrimExcess()
    {
        _lock.EnterWriteLock();
        try
        {
            if (int8) (_codes, _scales) = (_codes[..(_count * Dimensions)], _scales[.._count]);
            else Array.Resize(ref _vectors, _count * Dimensions);
            Array.Resize(ref _chunkIds, _count);
            Array.Resize(ref _documentIds, _count);
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>Bytes held by the vectors and their ids.</summary>
    public long MemoryBytes
    {
        get
        {
            _lock.EnterReadLock();
            try { return (long)_vectors.Length * sizeof(float) + _codes.Length + (long)_scales.Length * sizeof(float) + (_chunkIds.Length + _documentIds.Length) * sizeof(int); }
            finally { _lock.ExitReadLock(); }
        }
    }

    private void Reset(string model, int dimensions)
    {
        (Model, Dimensions, _count) = (model, dimensions, 0);
        _rowOfChunk.Clear();
        (_vectors, _chunkIds, _documentIds, _codes, _scales) = ([], [], [], [], []);
    }

    /// <summary>Symmetric per-vector int8: code = round(x ÷ scale), scale = max |x| ÷ 127; returns the scale.</summary>
    private static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var max = Math.Abs(TensorPrimitives.MaxMagnitude(vector)); // the element itself, so possibly negative
        var scale = max > 0 ? max / 127f : 1f;
        for (var i = 0; i < vector.Length; i++) codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] / scale), -127, 127);
        return scale;
    }

    /// <summary>Integer dot product with SIMD: bytes widen to shorts, then multiply-add of adjacent pairs into ints
    /// (vpmaddwd) with AVX-512 or AVX2 — one instruction where the portable path multiplies and widens twice, which made
    /// the int8 scan compute-bound. The portable path serves other CPUs.</summary>
    internal static int DotInt8(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b) =>
        Avx512BW.IsSupported ? DotInt8Avx512(a, b) : Avx2.IsSupported ? DotInt8Avx2(a, b) : DotInt8Portable(a, b);

    internal static int DotInt8Avx512(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var acc = Vector512<int>.Zero;
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        for (; i <= a.Length - Vector512<sbyte>.Count; i += Vector512<sbyte>.Count)
        {
            var (a0, a1) = Vector512.Widen(Vector512.LoadUnsafe(ref pa, (nuint)i));
            var (b0, b1) = Vector512.Widen(Vector512.LoadUnsafe(ref pb, (nuint)i));
            acc += Avx512BW.MultiplyAddAdjacent(a0, b0) + Avx512BW.MultiplyAddAdjacent(a1, b1);
        }
        return Vector512.Sum(acc) + Tail(a, b, i);
    }

    internal static int DotInt8Avx2(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var acc = Vector256<int>.Zero;
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        for (; i <= a.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
        {
            var (a0, a1) = Vector256.Widen(Vector256.LoadUnsafe(ref pa, (nuint)i));
            var (b0, b1) = Vector256.Widen(Vector256.LoadUnsafe(ref pb, (nuint)i));
            acc += Avx2.MultiplyAddAdjacent(a0, b0) + Avx2.MultiplyAddAdjacent(a1, b1);
        }
        return Vector256.Sum(acc) + Tail(a, b, i);
    }

    internal static int DotInt8Portable(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var acc = System.Numerics.Vector<int>.Zero;
        var i = 0;
        for (; i <= a.Length - System.Numerics.Vector<sbyte>.Count; i += System.Numerics.Vector<sbyte>.Count)
        {
            System.Numerics.Vector.Widen(new System.Numerics.Vector<sbyte>(a[i..]), out var a0, out var a1);
            System.Numerics.Vector.Widen(new System.Numerics.Vector<sbyte>(b[i..]), out var b0, out var b1);
            System.Numerics.Vector.Widen(a0 * b0, out var p0, out var p1);
            System.Numerics.Vector.Widen(a1 * b1, out var p2, out var p3);
            acc += p0 + p1 + p2 + p3;
        }
        return System.Numerics.Vector.Sum(acc) + Tail(a, b, i);
    }

    private static int Tail(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b, int from)
    {
        var sum = 0;
        for (var i = from; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private void EnsureCapacity(int rows)
    {
        if (_chunkIds.Length >= rows) return;
        var capacity = Math.Max(rows, Math.Max(1024, _chunkIds.Length * 2));
        if (int8)
        {
            Array.Resize(ref _codes, capacity * Dimensions);
            Array.Resize(ref _scales, capacity);
        }
        else Array.Resize(ref _vectors, capacity * Dimensions);
        Array.Resize(ref _chunkIds, capacity);
        Array.Resize(ref _documentIds, capacity);
    }
}
