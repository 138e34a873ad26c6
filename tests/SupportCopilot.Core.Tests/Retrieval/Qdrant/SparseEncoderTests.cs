using SupportCopilot.Core.Retrieval.Qdrant;

namespace SupportCopilot.Core.Tests.Retrieval.Qdrant;

public class SparseEncoderTests
{
    [Fact]
    public void Document_IsDeterministicSortedAndWeighsRepeatsWithSaturation()
    {
        var a = SparseEncoder.Document("filter filter filter sensor");
        var b = SparseEncoder.Document("filter filter filter sensor");

        Assert.Equal(a.Indices, b.Indices);
        Assert.Equal(a.Indices.Order(), a.Indices);
        var filter = a.Values[Array.IndexOf(a.Indices, SparseEncoder.Id("filter"))];
        var sensor = a.Values[Array.IndexOf(a.Indices, SparseEncoder.Id("sensor"))];
        Assert.True(filter > sensor && filter < 3 * sensor, $"{filter} vs {sensor}"); // more, but not three times more
    }

    [Fact]
    public void Query_WeighsEachDistinctNonStopTermOnce()
    {
        var q = SparseEncoder.Query("How do I reset the filter? Filter!");
        Assert.Equal(new[] { SparseEncoder.Id("reset"), SparseEncoder.Id("filter") }.Order(), q.Indices);
        Assert.All(q.Values, v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Id_IsStableFnv1a() => Assert.Equal(0x811c9dc5u, SparseEncoder.Id("")); // the FNV offset basis: no process-specific hashing
}
