using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Security;
using SupportCopilot.Web.Platform;

namespace SupportCopilot.Web.Tests.Platform;

[Collection(AppCollection.Name)]
public class UserCommandTests(AppFactory app)
{
    [Fact]
    public async Task Create_AdminWithStrongPassword_CanSignIn()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var error = await UserCommand.CreateAsync(users, "first.admin@corp.test", Roles.Admin, "First Admin", "Correct-horse-battery-9");

        Assert.Null(error);
        var user = await users.FindByEmailAsync("first.admin@corp.test");
        Assert.True(await users.IsInRoleAsync(user!, Roles.Admin));
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await AppFactory.PostLoginAsync(client, "first.admin@corp.test", "Correct-horse-battery-9", "/knowledge");
        Assert.Equal("/knowledge", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("weak.admin@corp.test", "Admin", "short", "at least 12")]
    [InlineData("agent@demo.local", "Agent", "Correct-horse-battery-9", "already exists")]
    [InlineData("x@corp.test", "Root", "Correct-horse-battery-9", "Unknown role")]
    public async Task Create_BadInput_ExplainsAndCreatesNothing(string email, string role, string password, string expected)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var existedBefore = await users.FindByEmailAsync(email) is not null;

        var error = await UserCommand.CreateAsync(users, email, role, null, password);

        Assert.Contains(expected, error);
        Assert.Equal(existedBefore, await users.FindByEmailAsync(email) is not null);
    }
}
