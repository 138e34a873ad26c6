namespace SupportCopilot.Core.Platform;

/// <summary>Runs an action when disposed: records a duration on every exit path of a method.</summary>
public readonly struct Timed(Action onDispose) : IDisposable
{
    public void Dispose() => onDispose();
}
