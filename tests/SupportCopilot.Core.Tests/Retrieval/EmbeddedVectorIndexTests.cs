using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Retrieval;

public class EmbeddedVectorIndexTests
{
    private static EmbeddedVectorIndex With(params (int Chunk, int Doc, float[] V)[] rows)
    {
        var index = new EmbeddedVectorIndex();
        index.Upsert("m", rows.Select(r => (r.Chunk, r.Doc, r.V)));
        return index;
    }

    [Fact]
    public void Search_RanksByCosineIgnoringLength()
    {
        var index = With((1, 10, [1, 0, 0]), (2, 10, [10, 10, 0]), (3, 20, [0, 0, 5]), (4, 20, [-1, 0, 0]));

        var hits = index.Search([2, 0, 0], k: 3);

        Assert.Equal([1, 2, 3], hits.Select(h => h.ChunkId));
        Assert.Equal(1f, hits[0].Score, 5);
        Assert.Equal(MathF.Sqrt(0.5f), hits[1].Score, 5);
    }

    [Fact]
    public void Search_WithDocumentFilter_OnlyThoseDocuments()
    {
        var index = With((1, 10, [1, 0]), (2, 20, [0.9f, 0.1f]), (3, 20, [0, 1]));
        Assert.Equal([2, 3], index.Search([1, 0], k: 5, documentIds: new HashSet<int> { 20 }).Select(h => h.ChunkId));
    }

    [Fact]
    public void Remove_MovesTheLastRowIntoTheGap_SearchStaysCorrect()
    {
        var index = With((1, 1, [1, 0]), (2, 1, [0, 1]), (3, 1, [0.7f, 0.7f]));

        index.Remove([1, 99]);

        Assert.Equal(2, index.Count);
        Assert.Equal([3, 2], index.Search([1, 0], k: 5).Select(h => h.ChunkId));
        index.Upsert("m", [(1, 1, [1, 0])]);
        Assert.Equal(1, index.Search([1, 0], k: 1)[0].ChunkId);
    }

    [Fact]
    public void TrimExcess_KeepsEveryRowAndShrinksMemoryToTheRows()
    {
        var index = With((1, 1, [1, 0]), (2, 1, [0, 1]), (3, 1, [0.5f, 0.5f]));
        index.TrimExcess();

        Assert.Equal(3 * 2 * sizeof(float) + 3 * 2 * sizeof(int), index.MemoryBytes);
        Assert.Equal([2, 3, 1], index.Search([0, 1], k: 3).Select(h => h.ChunkId));
        index.Upsert("m", [(4, 1, [0, 1])]); // still growable after trimming
        Assert.Equal(4, index.Count);
    }

    [Fact]
    public void Upsert_SameChunkAgain_ReplacesItsVector()
    {
        var index = With((1, 1, [1, 0]), (2, 1, [0, 1]));
        index.Upsert("m", [(1, 1, [0, -1])]);

        Assert.Equal(2, index.Count);
        Assert.Equal(2, index.Search([0, 1], k: 1)[0].ChunkId);
        Assert.Equal(1, index.Search([0, -1], k: 1)[0].ChunkId);
    }

    [Fact]
    public void Upsert_OtherModel_StartsAFreshIndex()
    {
        var index = With((1, 1, [1, 0]), (2, 1, [0, 1]));
        index.Upsert("other", [(5, 1, [1, 0, 0])]);

        Assert.Equal(("other", 3, 1), (index.Model, index.Dimensions, index.Count));
        Assert.Empty(index.Search([1, 0], k: 3)); // a query of the old dimension matches nothing
    }

    [Fact]
    public void Search_ManyRowsConcurrentlyWithWrites_StaysConsistent()
    {
        var random = new Random(7);
        var index = new EmbeddedVectorIndex();
        index.Upsert("m", Enumerable.Range(1, 2000).Select(i => (i, i % 10, Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble()).ToArray())));

        Parallel.For(0, 200, i =>
        {
            if (i % 10 == 0) index.Remove([i + 1]);
            else Assert.Equal(5, index.Search(Enumerable.Repeat(1f, 16).ToArray(), k: 5).Count);
        });
        Assert.Equal(1980, index.Count);
    }

    private static List<(int Chunk, int Doc, float[] V)> RandomRows(int count, int dims, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(1, count).Select(i => (i, i % 7, Enumerable.Range(0, dims).Select(_ => (float)rng.NextDouble() * 2 - 1).ToArray())).ToList();
    }

    [Fact]
    public void Int8_RanksLikeFloat32_ScoresWithinAHundredth_InAQuarterOfTheMemory()
    {
        var rows = RandomRows(2000, 384, seed: 5);
        var exact = new EmbeddedVectorIndex();
        var int8 = new EmbeddedVectorIndex(int8: true);
        exact.Upsert("m", rows);
        int8.Upsert("m", rows);
        exact.TrimExcess();
        int8.TrimExcess();
        var queries = RandomRows(50, 384, seed: 6);

        var overlap = 0.0;
        foreach (var (_, _, q) in queries)
        {
            var a = exact.Search(q, k: 10);
            var b = int8.Search(q, k: 10);
            overlap += a.Select(h => h.ChunkId).Intersect(b.Select(h => h.ChunkId)).Count() / 10.0;
            var exactScores = a.ToDictionary(h => h.ChunkId, h => h.Score);
            foreach (var h in b.Where(h => exactScores.ContainsKey(h.ChunkId))) Assert.InRange(h.Score - exactScores[h.ChunkId], -0.01f, 0.01f);
        }

        Assert.True(overlap / queries.Count >= 0.9, $"top-10 overlap {overlap / queries.Count:0.00}");
        Assert.InRange(int8.MemoryBytes, exact.MemoryBytes / 4, exact.MemoryBytes / 3); // bytes + one float scale per row vs floats
        Assert.True(int8.Int8);
    }

    [Fact]
    public void Int8_RemoveAndFilter_BehaveAsFloat32()
    {
        var index = new EmbeddedVectorIndex(int8: true);
        index.Upsert("m", [(1, 10, [1, 0, 0]), (2, 10, [10, 10, 0]), (3, 20, [0, 0, 5]), (4, 20, [-1, 0, 0])]);

        Assert.Equal([1, 2, 3], index.Search([2, 0, 0], k: 3).Select(h => h.ChunkId));
        Assert.Equal([3, 4], index.Search([2, 0, 0], k: 5, documentIds: new HashSet<int> { 20 }).Select(h => h.ChunkId));
        index.Remove([1]);
        Assert.Equal([2, 3, 4], index.Search([2, 0, 0], k: 5).Select(h => h.ChunkId));
        Assert.Equal(1f, index.Search([0, 0, 1], k: 1)[0].Score, 2);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(385)]
    [InlineData(768)]
    public void DotInt8_EqualsTheScalarSum_IncludingTheTail(int length)
    {
        var rng = new Random(length);
        var a = Enumerable.Range(0, length).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
        var b = Enumerable.Range(0, length).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();

        var expected = a.Zip(b).Sum(p => p.First * p.Second);
        Assert.Equal(expected, EmbeddedVectorIndex.DotInt8(a, b));
        Assert.Equal(expected, EmbeddedVectorIndex.DotInt8Portable(a, b));
        // Each hardware path where this CPU has it (CI's machines have AVX2 and AVX-512).
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported) Assert.Equal(expected, EmbeddedVectorIndex.DotInt8Avx2(a, b));
        if (System.Runtime.Intrinsics.X86.Avx512BW.IsSupported) Assert.Equal(expected, EmbeddedVectorIndex.DotInt8Avx512(a, b));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ALargeIndex_ScannedInParallelSlices_FindsExactlyTheBestK_WithAFilter(bool int8)
    {
        const int rows = EmbeddedVectorIndex.ParallelFromRows + 1_001;
        var rng = new Random(7);
        var vectors = Enumerable.Range(1, rows).Select(id => (id, id % 10, Enumerable.Range(0, 4).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray())).ToList();
        var index = new EmbeddedVectorIndex(int8);
        index.Upsert("m", vectors);
        float[] query = [0.3f, -0.2f, 0.5f, 0.1f];

        // The reference: every row scored one by one (int8 scores are the index's own, so compare the ids of a clear top).
        static float Cos(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);
        var ranked = vectors.Where(v => v.Item2 == 3).OrderByDescending(v => Cos(v.Item3, query)).Select(v => v.id).ToList();
        var found = index.Search(query, k: 5, documentIds: new HashSet<int> { 3 });

        Assert.Equal(5, found.Count);
        Assert.True(found.Zip(found.Skip(1)).All(p => p.First.Score >= p.Second.Score)); // best first across slices
        Assert.All(found, h => Assert.Equal(3, h.ChunkId % 10)); // the filter holds in every slice
        if (!int8) Assert.Equal(ranked.Take(5), found.Select(h => h.ChunkId));
        else Assert.All(found, h => Assert.Contains(h.ChunkId, ranked.Take(50))); // int8 scores differ by ~0.001: near the top, not exact
    }
}
