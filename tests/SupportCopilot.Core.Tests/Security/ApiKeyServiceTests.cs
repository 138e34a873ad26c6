using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Core.Tests.Security;

public class ApiKeyServiceTests
{
    [Fact]
    public async Task Create_StoresOnlyTheHashAndValidatesTheSecret()
    {
        await using var host = await TestHost.StartAsync();
        var service = host.Get<ApiKeyService>();
        var (key, secret) = await service.CreateAsync("helpdesk", [ApiScopes.TicketsWrite]);

        await using var db = host.Db();
        var stored = await db.ApiKeys.SingleAsync();
        Assert.NotEqual(secret, stored.Hash);
        Assert.DoesNotContain(secret, stored.Hash + stored.Prefix + stored.Name);
        Assert.Equal(key.Id, (await service.ValidateAsync(secret))?.Id);
        Assert.Equal([ApiScopes.TicketsWrite], (await service.ValidateAsync(secret))!.ScopeList);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sc_wrong")]
    public async Task Validate_UnknownSecret_ReturnsNull(string? secret)
    {
        await using var host = await TestHost.StartAsync();
        await host.Get<ApiKeyService>().CreateAsync("helpdesk", ApiScopes.All);
        Assert.Null(await host.Get<ApiKeyService>().ValidateAsync(secret));
    }

    [Fact]
    public async Task Validate_RevokedKey_ReturnsNull()
    {
        await using var host = await TestHost.StartAsync();
        var (_, secret) = await host.Get<ApiKeyService>().CreateAsync("old", ApiScopes.All);
        await using (var db = host.Db()) await db.ApiKeys.ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTime.UtcNow));

        Assert.Null(await host.Get<ApiKeyService>().ValidateAsync(secret));
    }

    [Fact]
    public async Task EnsureBootstrapKey_Twice_RegistersOneKeyWithAllScopes()
    {
        await using var host = await TestHost.StartAsync();
        var service = host.Get<ApiKeyService>();
        await service.EnsureBootstrapKeyAsync("bootstrap-secret-for-automation-123");
        await service.EnsureBootstrapKeyAsync("bootstrap-secret-for-automation-123");

        await using var db = host.Db();
        var key = await db.ApiKeys.SingleAsync();
        Assert.Equal(ApiScopes.All, key.ScopeList);
    }

    [Fact]
    public async Task Create_UnknownScope_Throws()
    {
        await using var host = await TestHost.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => host.Get<ApiKeyService>().CreateAsync("x", ["tickets:delete"]));
    }
}
