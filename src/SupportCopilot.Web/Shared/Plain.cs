using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace SupportCopilot.Web.Shared;

/// <summary>
/// Markup-only stand-ins for MudBlazor's display components (icon, chip, typography, button classes), written with
/// MudBlazor's own CSS classes so they look the same. Why: on Blazor Server every component instance lives in the circuit
/// while its page is open, ~5 KB each (two render-tree buffers plus parameter state), and an agent keeps a ticket page open
/// all day. These render inside their parent component instead. Use a MudBlazor component wherever it does something
/// (inputs, menus, popovers, dialogs); use these for what only shows.
/// </summary>
public static class Plain
{
    /// <summary>MudIcon's markup. <paramref name="svg"/> is one of MudBlazor's icon constants: library markup, never user text.</summary>
    public static RenderFragment Icon(string svg, Size size = Size.Medium, string? extraClass = null) => b =>
    {
        b.OpenElement(0, "svg");
        b.AddAttribute(1, "class", $"mud-icon-root mud-svg-icon mud-icon-size-{Name(size)}{Extra(extraClass)}");
        b.AddAttribute(2, "focusable", "false");
        b.AddAttribute(3, "viewBox", "0 0 24 24");
        b.AddAttribute(4, "aria-hidden", "true");
        b.AddAttribute(5, "role", "img");
        b.AddMarkupContent(6, svg);
        b.CloseElement();
    };

    /// <summary>A chip that only shows something (MudChip's markup without the component; no click, no close).</summary>
    public static RenderFragment Chip(string text, Color color = Color.Default, Variant variant = Variant.Filled, string? icon = null,
        string? title = null, string? testId = null) => b =>
    {
        b.OpenElement(0, "div");
        b.AddAttribute(1, "class", "mud-chip-container");
        b.OpenElement(2, "div");
        b.AddAttribute(3, "class", ChipClass(color, variant));
        b.AddAttribute(4, "title", title);
        b.AddAttribute(5, "data-testid", testId);
        if (icon is not null) b.AddContent(6, Icon(icon, Size.Small, "mud-chip-icon"));
        b.OpenElement(7, "span");
        b.AddAttribute(8, "class", "mud-chip-content");
        b.AddContent(9, text);
        b.CloseElement();
        b.CloseElement();
        b.CloseElement();
    };

    public static string ChipClass(Color color = Color.Default, Variant variant = Variant.Filled, string? extraClass = null) =>
        $"mud-chip mud-chip-{Name(variant)} mud-chip-size-small mud-chip-color-{Name(color)}{Extra(extraClass)}";

    /// <summary>MudButton's classes, for a plain &lt;button&gt; that keeps MudBlazor's look (disabled state comes from the attribute).</summary>
    public static string ButtonClass(Variant variant, Color color = Color.Default, Size size = Size.Medium, string? extraClass = null) =>
        $"mud-button-root mud-button mud-button-{Name(variant)} mud-button-{Name(variant)}-{Name(color)} mud-button-{Name(variant)}-size-{Name(size)} mud-ripple{Extra(extraClass)}";

    /// <summary>MudButton's label, with its optional start icon.</summary>
    public static RenderFragment ButtonLabel(string text, string? startIcon = null, Size size = Size.Medium) => b =>
    {
        b.OpenElement(0, "span");
        b.AddAttribute(1, "class", "mud-button-label");
        if (startIcon is not null)
        {
            b.OpenElement(2, "span");
            b.AddAttribute(3, "class", $"mud-button-icon-start mud-button-icon-size-{Name(size)}");
            b.AddContent(4, Icon(startIcon, size));
            b.CloseElement();
        }
        b.AddContent(5, text);
        b.CloseElement();
    };

    /// <summary>A dense MudAlert (text variant) as markup: the message is text, never markup.</summary>
    public static RenderFragment Alert(Severity severity, string message, string? testId = null, string? extraClass = null) => b =>
    {
        b.OpenElement(0, "div");
        b.AddAttribute(1, "role", "alert");
        b.AddAttribute(2, "class", $"mud-alert mud-alert-text-{Name(severity)} mud-dense mud-elevation-0{Extra(extraClass)}");
        b.AddAttribute(3, "data-testid", testId);
        b.OpenElement(4, "div");
        b.AddAttribute(5, "class", "mud-alert-position justify-sm-start");
        b.OpenElement(6, "div");
        b.AddAttribute(7, "class", "mud-alert-icon mud-alert-icon-left");
        b.AddContent(8, Icon(severity switch
        {
            Severity.Info => Icons.Material.Outlined.Info,
            Severity.Success => Icons.Custom.Uncategorized.AlertSuccess,
            Severity.Warning => Icons.Material.Outlined.ReportProblem,
            Severity.Error => Icons.Material.Filled.ErrorOutline,
            _ => Icons.Material.Outlined.EventNote,
        }));
        b.CloseElement();
        b.OpenElement(9, "div");
        b.AddAttribute(10, "class", "mud-alert-message");
        b.AddContent(11, message);
        b.CloseElement();
        b.CloseElement();
        b.CloseElement();
    };

    private static string Name(Enum value) => value.ToString().ToLowerInvariant();

    private static string Extra(string? cssClass) => string.IsNullOrEmpty(cssClass) ? "" : " " + cssClass;
}
