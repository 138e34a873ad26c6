using SupportCopilot.Core.Models;

namespace SupportCopilot.Core.Tests.Models;

public class CircuitBreakerTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void ThreeFailuresInARow_OpenFor30Seconds_ASuccessResetsTheCount()
    {
        var clock = new Clock();
        var breaker = new CircuitBreaker(clock);

        breaker.Record("a", false);
        breaker.Record("a", false);
        breaker.Record("a", true); // the count starts again
        breaker.Record("a", false);
        breaker.Record("a", false);
        Assert.False(breaker.IsOpen("a"));
        breaker.Record("a", false);
        Assert.True(breaker.IsOpen("a"));
        Assert.False(breaker.IsOpen("b"));

        clock.Now += CircuitBreaker.OpenFor;
        Assert.False(breaker.IsOpen("a"));
    }

    [Fact]
    public void AProbe_OpensUntilAGivenTime_AndCanCloseEarly()
    {
        var clock = new Clock();
        var breaker = new CircuitBreaker(clock);

        breaker.OpenUntil("a", clock.Now.UtcDateTime.AddMinutes(1));
        Assert.True(breaker.IsOpen("a"));
        breaker.Close("a");
        Assert.False(breaker.IsOpen("a"));
    }
}
