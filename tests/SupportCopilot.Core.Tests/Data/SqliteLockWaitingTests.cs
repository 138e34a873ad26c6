using Microsoft.EntityFrameworkCore;

namespace SupportCopilot.Core.Tests.Data;

/// <summary>The app's SQLite connections wait for a busy write lock inside SQLite, not in Microsoft.Data.Sqlite's 150 ms sleeps.</summary>
public class SqliteLockWaitingTests
{
    [Fact]
    public async Task ConnectionsFromTheAppsFactory_HaveTheBusyTimeout_OnEveryOpening()
    {
        await using var host = await TestHost.StartAsync();
        // A pooled handle is reopened (the setting must still be there, set once per handle), then the pool is emptied
        // and a new handle opens (it must be set again).
        for (var i = 0; i < 3; i++)
        {
            if (i == 2) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await using var db = host.Db();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout;";
            Assert.Equal((long)Core.Data.SqliteLockWaiting.BusyTimeoutMs, (long)(await command.ExecuteScalarAsync())!);
        }
    }

    [Fact]
    public async Task AWriteWhileAnotherHoldsTheLock_WaitsAndSucceeds()
    {
        await using var host = await TestHost.StartAsync();
        await using var holder = host.Db();
        await using var tx = await holder.Database.BeginTransactionAsync(); // BEGIN IMMEDIATE: the write lock
        await holder.Database.ExecuteSqlRawAsync("UPDATE Tickets SET Subject = Subject WHERE 0");

        var write = Task.Run(async () =>
        {
            await using var other = host.Db();
            other.AuditEntries.Add(new Core.Audit.AuditEntry { At = DateTime.UtcNow, Actor = "system", ActorName = "system", Action = "test.wait", Target = "t" });
            return await other.SaveChangesAsync();
        });
        await Task.Delay(300);
        Assert.False(write.IsCompleted); // still waiting for the lock, not failed
        await tx.CommitAsync();

        Assert.Equal(1, await write);
    }
}
