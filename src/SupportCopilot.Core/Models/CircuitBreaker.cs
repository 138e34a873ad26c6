namespace SupportCopilot.Core.Models;

/// <summary>
/// Per-server circuits for the chat and embedding chains: three failures in a row open a server's circuit for 30 s,
/// so callers skip it instead of waiting out its timeout again; one success closes it. A health probe may also open
/// a circuit until a given time, or close it early.
/// </summary>
public sealed class CircuitBreaker(TimeProvider clock)
{
    public const int FailuresToOpen = 3;
    public static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, (int Failures, DateTime OpenUntil)> _circuits = [];
    private readonly Lock _gate = new();

    public bool IsOpen(string key)
    {
        lock (_gate) return _circuits.TryGetValue(key, out var c) && c.OpenUntil > clock.GetUtcNow().UtcDateTime;
    }

    public void Record(string key, bool success)
    {
        lock (_gate)
        {
            if (success) { _circuits.Remove(key); return; }
            var failures = _circuits.GetValueOrDefault(key).Failures + 1;
            _circuits[key] = (failures, failures >= FailuresToOpen ? clock.GetUtcNow().UtcDateTime + OpenFor : DateTime.MinValue);
        }
    }

    public void OpenUntil(string key, DateTime until)
    {
        lock (_gate) _circuits[key] = (FailuresToOpen, until);
    }

    public void Close(string key)
    {
        lock (_gate) _circuits.Remove(key);
    }
}
