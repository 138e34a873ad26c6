using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Web.Tests;

/// <summary>bunit context set up for MudBlazor; disposed asynchronously because MudBlazor services require it.</summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    // bunit waits one second by default; CI runs the test projects in parallel on two cores, where a debounced
    // MudBlazor input or a service call can take longer than that without anything being wrong (stop 3's CI failed so).
    static ComponentTest() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected ComponentTest()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Renders as a seeded demo user of the shared app, with the real user id as NameIdentifier; returns the id.</summary>
    protected async Task<string> SignInAsync(AppFactory app, string email, string role)
    {
        using var scope = app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        AddAuthorization().SetAuthorized(email).SetRoles(role).SetClaims(new Claim(ClaimTypes.NameIdentifier, user!.Id));
        return user.Id;
    }

    /// <summary>What the browser answers when a reply editor is read at Approve/Send (wwwroot/app.js's readEditor).</summary>
    protected void BrowserShows(string testId, string text) =>
        JSInterop.Setup<Web.Drafting.BrowserText?>("supportCopilot.readEditor", i => (string?)i.Arguments[0] == testId)
            .SetResult(new Web.Drafting.BrowserText(true, text.Length, text.Length > Core.Approval.ApprovalService.MaxReplyLength ? null : text));

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
