using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SupportCopilot.Core.Memory;
using SupportCopilot.Core.Security;
using SupportCopilot.Web.Admin;

namespace SupportCopilot.Web.Tests.Admin;

/// <summary>The erase form over the shared app's real erasure service (an address with no tickets, so nothing seeded goes).</summary>
[Collection(AppCollection.Name)]
public class ErasePageTests : ComponentTest
{
    public ErasePageTests(AppFactory app)
    {
        Services.AddSingleton(app.Get<CustomerErasure>());
        AddAuthorization().SetAuthorized("admin@demo.local").SetRoles(Roles.Admin);
    }

    [Fact]
    public void EnterOnAnEmptyBox_SaysWhatIsMissing_AndAsksNothing()
    {
        var page = Render<ErasePage>();

        Assert.False(page.Find("button[data-testid=erase-ask]").HasAttribute("disabled")); // Enter must reach the form
        page.Find("form").Submit();

        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "Enter the customer's e-mail address.");
        Assert.Empty(page.FindAll("[data-testid=erase-confirm]"));
    }

    [Fact]
    public void AnAddressIsConfirmedBeforeAnythingIsErased()
    {
        var page = Render<ErasePage>();

        page.Find("input[data-testid=erase-email]").Input("nobody-here@example.org");
        page.Find("form").Submit();
        Assert.Contains("nobody-here@example.org", page.Find("[data-testid=erase-confirm]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=erase-result]"));

        page.Find("[data-testid=erase-confirm-button]").Click();

        page.WaitForAssertion(() => Assert.Equal("No ticket has this address: nothing to erase.", page.Find("[data-testid=erase-result]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=erase-confirm]"));
    }
}
