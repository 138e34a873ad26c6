using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Security;
using SupportCopilot.Web.Admin;

namespace SupportCopilot.Web.Tests.Admin;

/// <summary>Issue 20.6: users and API keys from the browser, against the app's real Identity store (SQLite).</summary>
[Collection(AppCollection.Name)]
public class UserAdministrationTests(AppFactory app)
{
    private static readonly Actor Admin = new("admin-test-id", "Ada Admin");

    private async Task<T> WithAdminAsync<T>(Func<UserAdministration, Task<T>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    private async Task<HttpStatusCode> SignInStatusAsync(string email, string password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await AppFactory.PostLoginAsync(client, email, password, "/tickets");
        return response.Headers.Location?.OriginalString == "/tickets" ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
    }

    [Fact]
    public async Task CreatedUser_SignsInWithTheOneTimePassword_DisabledCannot_ResetGivesANewOne_AllAudited()
    {
        var email = $"new.{Guid.NewGuid():N}@example.com";
        var created = await WithAdminAsync(a => a.CreateAsync(email, "New Agent", Roles.Agent, Admin));
        Assert.Null(created.Error);
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(email, created.Password!));

        var id = (await WithAdminAsync(a => a.ListAsync())).Single(u => u.Email == email).Id;
        Assert.Null((await WithAdminAsync(a => a.SetDisabledAsync(id, true, Admin))).Error);
        Assert.True((await WithAdminAsync(a => a.ListAsync())).Single(u => u.Id == id).Disabled);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(email, created.Password!));

        Assert.Null((await WithAdminAsync(a => a.SetDisabledAsync(id, false, Admin))).Error);
        var reset = await WithAdminAsync(a => a.ResetPasswordAsync(id, Admin));
        Assert.NotEqual(created.Password, reset.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(email, created.Password!));
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(email, reset.Password!));

        await using var db = app.Db();
        var actions = await db.AuditEntries.Where(a => a.Target == $"user:{email}").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal([AuditActions.UserCreated, AuditActions.UserDisabled, AuditActions.UserEnabled, AuditActions.UserPasswordReset], actions);
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.Detail).ToListAsync(), d => d != null && d.Contains(reset.Password!));
    }

    [Fact]
    public async Task RoleChange_TakesTheUserToTheNewRolesPages()
    {
        var email = $"role.{Guid.NewGuid():N}@example.com";
        var created = await WithAdminAsync(a => a.CreateAsync(email, null, Roles.Agent, Admin));
        var id = (await WithAdminAsync(a => a.ListAsync())).Single(u => u.Email == email).Id;

        Assert.Null((await WithAdminAsync(a => a.SetRoleAsync(id, Roles.Manager, Admin))).Error);

        Assert.Equal(Roles.Manager, (await WithAdminAsync(a => a.ListAsync())).Single(u => u.Id == id).Role);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Equal([Roles.Manager], await users.GetRolesAsync((await users.FindByIdAsync(id))!));
        Assert.NotNull(created.Password);
    }

    [Theory]
    [InlineData("not-an-address", Roles.Agent, "valid e-mail")]
    [InlineData("x@example.com", "", "Choose a role")]
    [InlineData("y@example.com", "Superuser", "Unknown role")]
    public async Task BadInput_IsRefusedWithAReason(string email, string role, string reason)
    {
        var result = await WithAdminAsync(a => a.CreateAsync(email, null, role, Admin));
        Assert.Contains(reason, result.Error);
        Assert.Null(result.Password);
    }

    [Fact]
    public async Task AnAdminCannotDisableThemselves_NorDropTheirOwnAdminRole()
    {
        var email = $"admin.{Guid.NewGuid():N}@example.com";
        await WithAdminAsync(a => a.CreateAsync(email, null, Roles.Admin, Admin));
        var id = (await WithAdminAsync(a => a.ListAsync())).Single(u => u.Email == email).Id;
        var self = new Actor(id, email);

        Assert.Contains("your own account", (await WithAdminAsync(a => a.SetDisabledAsync(id, true, self))).Error);
        Assert.Contains("your own admin role", (await WithAdminAsync(a => a.SetRoleAsync(id, Roles.Agent, self))).Error);
    }

    [Fact]
    public async Task ApiKey_RecordsWhenItWasLastUsed_AndARevokedKeyIsRefused()
    {
        var keys = app.Get<ApiKeyService>();
        var (key, secret) = await keys.CreateAsync($"bridge-{Guid.NewGuid():N}"[..15], [ApiScopes.TicketsRead]);
        Assert.Null((await keys.ListAsync()).Single(k => k.Id == key.Id).LastUsedAt);

        var api = app.ApiClient(secret);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/tickets/999999")).StatusCode); // authenticated: past the key check
        Assert.NotNull((await keys.ListAsync()).Single(k => k.Id == key.Id).LastUsedAt);

        Assert.True(await keys.RevokeAsync(key.Id));
        Assert.False(await keys.RevokeAsync(key.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/tickets/999999")).StatusCode);
    }
}
