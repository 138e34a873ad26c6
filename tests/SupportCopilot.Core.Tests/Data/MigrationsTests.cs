using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Tests.Data;

/// <summary>Both migration sets must match the model; SQL Server is checked by scripting, since no server runs here.</summary>
public class MigrationsTests
{
    [Fact]
    public void SqlServer_MigrationsMatchTheModel()
    {
        using var db = SqlServer();
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqlServerAppDbContext ...");
    }

    [Fact]
    public void Sqlite_MigrationsMatchTheModel()
    {
        using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqliteAppDbContext ...");
    }

    [Fact]
    public void SqlServer_IdempotentScript_CreatesEveryTableOnce()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in new[] { "Tickets", "TicketMessages", "Drafts", "Approvals", "Outbox", "Chunks", "ApiKeys", "AspNetUsers" })
            Assert.Contains($"CREATE TABLE [{table}]", script);
        Assert.Contains("IF NOT EXISTS", script);
        Assert.DoesNotContain("fts5", script, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sqlite_Upgrade_GivesExistingDraftsTheMessageTheyAnswered()
    {
        // Drafts from before turns were tracked answered the first customer message; without the backfill every old
        // ticket would look unanswered and be drafted again.
        var file = Path.Combine(Path.GetTempPath(), $"sc-upgrade-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options);
            var migrator = db.GetService<IMigrator>();
            var all = db.Database.GetMigrations().ToList();
            var upgrade = all.Single(m => m.EndsWith("_ApprovalBindingConversationsGuards", StringComparison.Ordinal));
            await migrator.MigrateAsync(all[all.IndexOf(upgrade) - 1]);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO Tickets (Id, Subject, CustomerEmail, Channel, Status, CreatedAt, UpdatedAt) VALUES (1, 'S', 'a@b.c', 'Api', 'Replied', '2026-01-01', '2026-01-01');
                INSERT INTO TicketMessages (Id, TicketId, Author, AuthorName, Body, CreatedAt) VALUES (7, 1, 'Customer', 'A', 'first', '2026-01-01'), (8, 1, 'Agent', 'Ag', 'reply', '2026-01-01'), (9, 1, 'Customer', 'A', 'second', '2026-01-02');
                INSERT INTO Drafts (TicketId, Version, Kind, Status, Text, Confidence, Model, PromptVersion, LatencyMs, CreatedAt, ConcurrencyStamp) VALUES (1, 1, 'Extractive', 'Approved', 't', 1, 'm', 'p', 0, '2026-01-01', '00000000-0000-0000-0000-000000000001');
                """);

            await migrator.MigrateAsync(upgrade);

            Assert.Equal(7, await db.Drafts.Select(d => d.AnswersMessageId).SingleAsync());
        }
        finally { File.Delete(file); }
    }

    private static SqlServerAppDbContext SqlServer() => new(new DbContextOptionsBuilder<SqlServerAppDbContext>()
        .UseSqlServer("Server=localhost;Database=none;TrustServerCertificate=True").Options);
}
