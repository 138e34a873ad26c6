using MudBlazor;

namespace SupportCopilot.Web.Components.Layout;

public static class AppTheme
{
    // System fonts: the app runs on closed networks, so no web-font download. Colours meet WCAG 2.1 AA (axe-core runs on
    // every page in both themes, AccessibilityTests): MudBlazor's defaults put white text on light green, blue and
    // orange chips (2.2–3.1 : 1). Light: darker fills under white text. Dark: lighter fills under near-black text, so the
    // same colour also reads as text on the dark background.
    public static readonly MudTheme Theme = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
        PaletteLight = new PaletteLight
        {
            Success = "#2E7D32", Info = "#01579B", Warning = "#A84D00", Error = "#C62828",
            TextDisabled = "rgba(0,0,0,0.6)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#A59CF5", PrimaryContrastText = "#14141A",
            Secondary = "#FF8FB1", SecondaryContrastText = "#14141A",
            Success = "#7BCB7F", SuccessContrastText = "#14141A",
            Info = "#7CC0F7", InfoContrastText = "#14141A",
            Warning = "#FFBE5C", WarningContrastText = "#14141A",
            Error = "#F59A94", ErrorContrastText = "#14141A",
            TextPrimary = "rgba(255,255,255,0.87)", TextSecondary = "rgba(255,255,255,0.75)", TextDisabled = "rgba(255,255,255,0.6)",
            DrawerText = "rgba(255,255,255,0.87)", DrawerIcon = "rgba(255,255,255,0.87)", AppbarText = "rgba(255,255,255,0.87)",
            ActionDefault = "rgba(255,255,255,0.8)",
        },
    };
}
