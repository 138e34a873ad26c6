using Bunit;
using SupportCopilot.Core.Security;
using SupportCopilot.Web.Components.Layout;

namespace SupportCopilot.Web.Tests.Layout;

public class NavMenuTests : ComponentTest
{
    [Theory]
    [InlineData(Roles.Agent, new[] { "/", "/tickets" })]
    [InlineData(Roles.Manager, new[] { "/", "/dashboard" })]
    [InlineData(Roles.Admin, new[] { "/", "/tickets", "/dashboard", "/knowledge", "/admin/triage", "/admin/settings", "/admin/outbox", "/admin/audit" })]
    public void NavMenu_ShowsOnlyTheLinksOfTheRole(string role, string[] expected)
    {
        AddAuthorization().SetAuthorized("someone").SetRoles(role);

        var menu = Render<NavMenu>();

        Assert.Equal(expected, menu.FindAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void UserMenu_SignedIn_ShowsNameAndSignOutPost()
    {
        AddAuthorization().SetAuthorized("alex@demo.local").SetRoles(Roles.Agent);

        var menu = Render<UserMenu>();

        Assert.Equal("alex@demo.local", menu.Find("[data-testid=signed-in-user]").TextContent);
        var form = menu.Find("form");
        Assert.Equal(("/account/logout", "post"), (form.GetAttribute("action"), form.GetAttribute("method")));
    }

    [Fact]
    public void UserMenu_Anonymous_RendersNothing()
    {
        AddAuthorization().SetNotAuthorized();
        Assert.Empty(Render<UserMenu>().FindAll("form"));
    }
}
