using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SupportCopilot.Core.Data;

/// <summary>
/// Makes a SQLite connection wait for the write lock inside SQLite (PRAGMA busy_timeout) instead of failing at once.
/// Why: without it Microsoft.Data.Sqlite meets a busy database by sleeping 150 ms and retrying, so two agents opening
/// tickets at the same moment (each view writes an audit entry) cost the second one 150 ms or more; SQLite's own wait
/// retries after 1, 2, 5, 10… ms, and a write here holds the lock for a millisecond or two. Set once per SQLite handle:
/// the setting belongs to the connection, not to the database file, and Microsoft.Data.Sqlite's pool hands the same
/// handle to later opens (setting it on every open was one more statement per query).
/// </summary>
public sealed class SqliteLockWaiting : DbConnectionInterceptor
{
    /// <summary>As long as a command may run (Microsoft.Data.Sqlite's default command timeout).</summary>
    public const int BusyTimeoutMs = 30_000;

    private static readonly string Pragma = $"PRAGMA busy_timeout = {BusyTimeoutMs};";

    // The handles already set; a handle closed for good is collected with its entry.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _set = [];

    private bool IsNew(DbConnection connection) =>
        connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } || _set.TryAdd(handle, this);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!IsNew(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!IsNew(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
