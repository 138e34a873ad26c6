using MudBlazor;

namespace SupportCopilot.Web.Components.Layout;

public static class AppTheme
{
    // System fonts: the app runs on closed networks, so no web-font download.
    public static readonly MudTheme Theme = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
