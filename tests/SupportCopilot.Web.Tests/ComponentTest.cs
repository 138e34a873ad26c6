using Bunit;
using MudBlazor.Services;

namespace SupportCopilot.Web.Tests;

/// <summary>bunit context set up for MudBlazor; disposed asynchronously because MudBlazor services require it.</summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
