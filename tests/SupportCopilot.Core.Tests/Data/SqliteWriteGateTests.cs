using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Tests.Data;

/// <summary>Writers to one SQLite file take turns at the in-process gate; a transaction lets the next one in however it ends.</summary>
public class SqliteWriteGateTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10); // far below the gate's 30 s patience

    private static Task<int> WriteAuditAsync(TestHost host) => Task.Run(async () =>
    {
        await using var db = host.Db();
        db.AuditEntries.Add(new Core.Audit.AuditEntry { At = DateTime.UtcNow, Actor = "system", ActorName = "system", Action = "test.gate", Target = "t" });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task AWrite_WaitsForTheGate_EvenWhenSqliteItselfIsFree()
    {
        await using var host = await TestHost.StartAsync();
        await using var holder = host.Db();
        var turn = await SqliteWriteGate.EnterAsync(holder, CancellationToken.None); // the gate only: no SQLite lock is held

        var write = WriteAuditAsync(host);
        await Task.Delay(300);
        Assert.False(write.IsCompleted);
        turn.Dispose();

        Assert.Equal(1, await write.WaitAsync(Soon));
    }

    [Fact]
    public async Task ATransactionDisposedWithoutCommit_LetsTheNextWriterIn()
    {
        await using var host = await TestHost.StartAsync();
        await using (var holder = host.Db())
        {
            var tx = await holder.BeginWriteAsync();
            holder.AuditEntries.Add(new Core.Audit.AuditEntry { At = DateTime.UtcNow, Actor = "system", ActorName = "system", Action = "test.rolled-back", Target = "t" });
            await holder.SaveChangesAsync(); // inside its own transaction: does not wait for itself
            await tx.DisposeAsync(); // no commit: rolled back
        }

        Assert.Equal(1, await WriteAuditAsync(host).WaitAsync(Soon));
        await using var db = host.Db();
        Assert.Equal(["test.gate"], db.AuditEntries.Where(a => a.Action.StartsWith("test.")).Select(a => a.Action).ToList());
    }

    [Fact]
    public async Task ManyWritersAtOnce_AllSucceed_AndAnotherFileIsNotHeldUp()
    {
        await using var host = await TestHost.StartAsync();
        await using var other = await TestHost.StartAsync();
        await using var holder = host.Db();
        var tx = await holder.BeginWriteAsync();
        Assert.Equal(1, await WriteAuditAsync(other).WaitAsync(Soon)); // another database file has its own gate
        var writes = Enumerable.Range(0, 20).Select(_ => WriteAuditAsync(host)).ToList();
        await Task.Delay(200);
        Assert.All(writes, w => Assert.False(w.IsCompleted));
        await tx.CommitAsync();
        await tx.DisposeAsync();

        Assert.All(await Task.WhenAll(writes).WaitAsync(Soon), n => Assert.Equal(1, n));
    }
}
