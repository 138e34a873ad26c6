using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace SupportCopilot.Web.Platform;

/// <summary>
/// Times every inbound circuit activity on the server — a click or key dispatched to its handler and the render that
/// follows, a navigation, a JS callback — as `supportcopilot.circuit.activity.duration` (ms). That is the server's
/// share of an agent's round trip, without the network and the browser; the circuits benchmark reads it from the
/// Development-only diagnostics endpoint to tell the two apart.
/// </summary>
public sealed class CircuitActivityTiming : CircuitHandler
{
    private const int Kept = 20_000;
    private readonly Lock _gate = new();
    private readonly Queue<double> _recent = new();

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) => async context =>
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            SupportCopilot.Core.Platform.Telemetry.CircuitActivityMs.Record(ms);
            lock (_gate)
            {
                _recent.Enqueue(ms);
                if (_recent.Count > Kept) _recent.Dequeue();
            }
        }
    };

    /// <summary>p50, p95 and count of the activities since the last call, which starts a new window.</summary>
    public (double P50, double P95, int Count) TakeWindow()
    {
        double[] all;
        lock (_gate)
        {
            all = [.. _recent];
            _recent.Clear();
        }
        if (all.Length == 0) return (0, 0, 0);
        Array.Sort(all);
        return (all[all.Length / 2], all[Math.Min(all.Length - 1, (int)(all.Length * 0.95))], all.Length);
    }
}
