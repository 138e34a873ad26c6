using SupportCopilot.Web.Platform;

namespace SupportCopilot.Web.Tests.Platform;

public class CircuitActivityTimingTests
{
    [Fact]
    public async Task EachActivity_IsTimedAroundItsWork_AndAWindowStartsAfresh()
    {
        var timing = new CircuitActivityTiming();
        var handler = timing.CreateInboundActivityHandler(_ => Task.Delay(30));
        var failing = timing.CreateInboundActivityHandler(_ => throw new InvalidOperationException("handler failed"));

        await handler(null!);
        await handler(null!);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing(null!)); // timed too, and the error still surfaces
        var (p50, p95, count) = timing.TakeWindow();

        Assert.Equal(3, count);
        Assert.True(p50 >= 25, $"p50 {p50} ms");
        Assert.True(p95 >= p50);
        Assert.Equal(0, timing.TakeWindow().Count);
    }
}
