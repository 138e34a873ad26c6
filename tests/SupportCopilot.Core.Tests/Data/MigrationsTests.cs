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

    private static SqlServerAppDbContext SqlServer() => new(new DbContextOptionsBuilder<SqlServerAppDbContext>()
        .UseSqlServer("Server=localhost;Database=none;TrustServerCertificate=True").Options);
}
