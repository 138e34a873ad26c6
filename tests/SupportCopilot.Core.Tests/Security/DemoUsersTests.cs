using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Core.Tests.Security;

public class DemoUsersTests
{
    /// <summary>A newcomer who deletes the database keeps data/demo-users.txt: the users made again must replace their
    /// old lines, not follow them (the stale password came first and failed; reading the file threw on the repeat).</summary>
    [Fact]
    public async Task UsersCreatedAgain_ReplaceTheirLines_AndTheFileHoldsTheWorkingPasswords()
    {
        await using var host = await TestHost.StartAsync();
        await using var scope = host.Get<IServiceProvider>().CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in DemoUsers.All.Select(u => u.Role)) await roles.CreateAsync(new IdentityRole(role));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var demo = new DemoUsers(users, host.Get<StoragePaths>(), NullLogger<DemoUsers>.Instance);

        await demo.EnsureAsync();
        var first = DemoUsers.ReadFile(host.DataDirectory);
        Assert.Equal(3, first.Count);

        // The database loses the agent (deleted, reset); the next start creates them again.
        Assert.True((await users.DeleteAsync((await users.FindByEmailAsync("agent@demo.local"))!)).Succeeded);
        await demo.EnsureAsync();

        var lines = await File.ReadAllLinesAsync(Path.Combine(host.DataDirectory, DemoUsers.FileName));
        Assert.Single(lines, l => l.Contains("agent@demo.local", StringComparison.Ordinal));
        Assert.Equal(3, lines.Length);
        var second = DemoUsers.ReadFile(host.DataDirectory);
        Assert.NotEqual(first["agent@demo.local"], second["agent@demo.local"]);
        Assert.Equal(first["admin@demo.local"], second["admin@demo.local"]);
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync("agent@demo.local"))!, second["agent@demo.local"]));
    }
}
