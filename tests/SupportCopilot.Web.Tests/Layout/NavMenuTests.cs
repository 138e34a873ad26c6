using Microsoft.Extensions.DependencyInjection;
using Bunit;
using SupportCopilot.Core.Security;
using SupportCopilot.Web.Components.Layout;

namespace SupportCopilot.Web.Tests.Layout;

public class NavMenuTests : ComponentTest
{
    [Theory]
    [InlineData(Roles.Agent, new[] { "/", "/tickets" })]
    [InlineData(Roles.Manager, new[] { "/", "/dashboard" })]
    [InlineData(Roles.Admin, new[] { "/", "/tickets", "/dashboard", "/knowledge", "/admin/triage", "/admin/macros", "/admin/settings", "/admin/users", "/admin/outbox", "/admin/audit", "/admin/erase" })]
    public void NavMenu_ShowsOnlyTheLinksOfTheRole(string role, string[] expected)
    {
        AddAuthorization().SetAuthorized("someone").SetRoles(role);

        var menu = Render<NavMenu>();

        Assert.Equal(expected, menu.FindAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void NavMenu_MarksTheLinkOfTheCurrentPage_AndFollowsNavigation()
    {
        AddAuthorization().SetAuthorized("someone").SetRoles(Roles.Admin);
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var menu = Render<NavMenu>();
        string[] Active() => menu.FindAll("a.active").Select(a => a.GetAttribute("href")!).ToArray();

        Assert.Equal(["/"], Active()); // home only on the home page itself
        navigation.NavigateTo("/tickets/42");
        menu.WaitForAssertion(() => Assert.Equal(["/tickets"], Active()));
        Assert.Equal("page", menu.Find("a.active").GetAttribute("aria-current"));
        navigation.NavigateTo("/admin/triage-history"); // a prefix of the text, not a page under /admin/triage
        menu.WaitForAssertion(() => Assert.Empty(Active()));
    }

    [Fact]
    public void UserMenu_SignedIn_ShowsNameAndSignOutPost()
    {
        AddAuthorization().SetAuthorized("alex@demo.local").SetRoles(Roles.Agent);

        var menu = Render<UserMenu>();

        Assert.Equal("alex@demo.local", menu.Find("[data-testid=signed-in-user]").TextContent);
        var form = menu.Find("form[action='/account/logout']");
        Assert.Equal("post", form.GetAttribute("method"));
        // the theme toggle posts "next" and comes back to the page it was on
        var theme = menu.Find("form[action='/account/theme']");
        Assert.Equal(("next", "/"), (theme.QuerySelector("input[name=mode]")!.GetAttribute("value"), theme.QuerySelector("input[name=returnUrl]")!.GetAttribute("value")));
        Assert.Equal("/profile", menu.Find("a[data-testid=signed-in-user]").GetAttribute("href")); // an agent's name opens their profile
    }

    [Theory]
    [InlineData(Roles.Admin, true)]    // admins may send replies, so they have a signature
    [InlineData(Roles.Manager, false)] // managers send nothing: their name is not a link to a page they may not open
    public void UserMenu_LinksTheNameToTheProfile_OnlyForThoseWhoSendReplies(string role, bool linked)
    {
        AddAuthorization().SetAuthorized("someone@demo.local").SetRoles(role);

        var menu = Render<UserMenu>();

        Assert.Equal(linked, menu.FindAll("a[data-testid=signed-in-user]").Count == 1);
        Assert.Equal("someone@demo.local", menu.Find("[data-testid=signed-in-user]").TextContent);
    }

    [Fact]
    public void UserMenu_Anonymous_RendersNothing()
    {
        AddAuthorization().SetNotAuthorized();
        Assert.Empty(Render<UserMenu>().FindAll("form"));
    }
}
