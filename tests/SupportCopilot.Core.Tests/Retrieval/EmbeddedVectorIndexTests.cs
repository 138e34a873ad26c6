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
}
