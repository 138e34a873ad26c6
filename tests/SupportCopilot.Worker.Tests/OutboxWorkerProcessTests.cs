using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Worker.Tests;

/// <summary>Scale-out shape: the app approves, a separate SupportCopilot.Worker process on the same database sends.</summary>
public sealed class OutboxWorkerProcessTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sc-worker-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = default!;

    public async Task InitializeAsync()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = _dir }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSupportCopilotData(config, _dir).AddKnowledge(config, background: false).AddTickets().AddDrafting(false).AddApproval(config, false);
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>();
        _services = services.BuildServiceProvider();
        await _services.MigrateDatabaseAsync();
    }

    [Fact]
    public async Task WorkerProcess_DeliversApprovedMessageExactlyOnce()
    {
        var outboxId = await ApproveOneReplyAsync();

        using var worker = StartWorker();
        try
        {
            var status = OutboxStatus.Pending;
            for (var i = 0; i < 100 && status != OutboxStatus.Sent; i++)
            {
                await Task.Delay(200);
                await using var db = Db();
                status = (await db.Outbox.AsNoTracking().SingleAsync(o => o.Id == outboxId)).Status;
            }
            Assert.True(status == OutboxStatus.Sent, $"status {status}; worker output:\n{worker.StandardOutput.ReadToEndAfterKill(worker)}");
            var mail = Path.Combine(_dir, "outbox-mail", $"{outboxId}.eml");
            Assert.Contains("Hold the Filter button for 5 seconds.", await File.ReadAllTextAsync(mail));
            await using var check = Db();
            Assert.Equal(1, (await check.Outbox.SingleAsync()).Attempts);
        }
        finally
        {
            if (!worker.HasExited) worker.Kill(entireProcessTree: true);
        }
    }

    private async Task<int> ApproveOneReplyAsync()
    {
        string agentId;
        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().CreateAsync(new IdentityRole(Roles.Agent));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var agent = new AppUser { UserName = "agent@x.test", Email = "agent@x.test" };
            await users.CreateAsync(agent);
            await users.AddToRoleAsync(agent, Roles.Agent);
            agentId = agent.Id;
        }
        await _services.GetRequiredService<KnowledgeUploads>().UploadAsync("g.md", Encoding.UTF8.GetBytes("# Filter\n\nHold the Filter button for 5 seconds after a filter change."));
        await _services.GetRequiredService<IngestionWorker>().DrainAsync();
        var ticket = await _services.GetRequiredService<TicketService>().CreateAsync(new NewTicket("Filter light", "How do I reset the filter light?", "c@example.com"));
        var draft = await _services.GetRequiredService<DraftingService>().EnsureDraftAsync(ticket.Id);
        var result = await _services.GetRequiredService<ApprovalService>().ApproveAsync(draft!.Id, draft.ConcurrencyStamp, "Hold the Filter button for 5 seconds.", agentId);
        Assert.Equal(ApprovalOutcome.Approved, result.Outcome);
        await using var db = Db();
        return (await db.Outbox.SingleAsync()).Id;
    }

    private Process StartWorker()
    {
        var dll = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "worker-path.txt")).Trim();
        var psi = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        psi.Environment["Storage__DataDirectory"] = _dir;
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return Process.Start(psi)!;
    }

    private AppDbContext Db() => _services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { /* temp folder, best effort */ }
    }
}

internal static class ProcessExtensions
{
    /// <summary>Reads what the process printed, stopping it first so the read cannot hang.</summary>
    public static string ReadToEndAfterKill(this StreamReader reader, Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        return reader.ReadToEnd();
    }
}
