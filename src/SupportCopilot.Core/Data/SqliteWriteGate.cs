using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace SupportCopilot.Core.Data;

/// <summary>
/// One writer at a time per SQLite file inside this process, the others waiting asynchronously in arrival order.
/// Why: SQLite lets one transaction write at a time, and a writer that finds the file locked waits inside SQLite's busy
/// handler, which blocks its thread and sleeps 1, 2, 5, 10 … up to 100 ms between tries: ten agents approving at once
/// waited up to 340 ms for a lock each of them holds for 3–5 ms (circuits benchmark). Writers in another process (a
/// scaled-out worker) and statements outside the gate still meet SQLite's own wait, as before. Other providers pass.
/// </summary>
public static class SqliteWriteGate
{
    /// <summary>Past this, a writer stops waiting for the gate and leaves the wait to SQLite (as long as its busy timeout).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(SqliteLockWaiting.BusyTimeoutMs);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the gate of <paramref name="db"/>'s SQLite file; disposing the lease lets the next writer in.</summary>
    public static async Task<Lease> EnterAsync(DbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return default;
        var gate = Gates.GetOrAdd(db.Database.GetDbConnection().DataSource ?? "", _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(Patience, ct) ? new Lease(gate) : default;
    }

    public readonly struct Lease(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }

    /// <summary>A transaction that holds the gate until it is disposed (committed or not).</summary>
    internal sealed class Transaction(IDbContextTransaction inner, Lease lease) : IDbContextTransaction
    {
        private bool _disposed;

        public Guid TransactionId => inner.TransactionId;
        public void Commit() => inner.Commit();
        public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);
        public void Rollback() => inner.Rollback();
        public Task RollbackAsync(CancellationToken cancellationToken = default) => inner.RollbackAsync(cancellationToken);

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            try { inner.Dispose(); } finally { lease.Dispose(); }
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed) return;
            _disposed = true;
            try { await inner.DisposeAsync(); } finally { lease.Dispose(); }
        }
    }
}
