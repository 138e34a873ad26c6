using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Security;
using SupportCopilot.Web.Settings;

namespace SupportCopilot.Web.Tests.Settings;

/// <summary>An agent sets their own signature on their profile; it is what their replies carry.</summary>
[Collection(AppCollection.Name)]
public class ProfilePageTests(AppFactory app) : ComponentTest
{
    [Fact]
    public async Task Agent_SavesTheirOwnSignature_AndItWinsForTheirReplies()
    {
        // A user of this test alone: a signature on a demo agent would change every other test's outgoing mail.
        string id;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = "profile-agent@x.test", Email = "profile-agent@x.test", DisplayName = "Robin Profile" };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Agent);
            id = user.Id;
        }
        Services.AddSingleton(app.Get<Signatures>());
        AddAuthorization().SetAuthorized("profile-agent@x.test").SetRoles(Roles.Agent).SetClaims(new Claim(ClaimTypes.NameIdentifier, id));
        var page = Render<ProfilePage>();

        page.WaitForElement("textarea[data-testid=signature-own]").Input("{agent}\nTier 2 support");
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal("Robin Profile\nTier 2 support", app.Get<Signatures>().ForAsync(id, "General").GetAwaiter().GetResult()));
    }
}
