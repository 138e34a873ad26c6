using Microsoft.AspNetCore.Mvc;
using SupportCopilot.Web.Account;

namespace SupportCopilot.Web.Theme;

public enum ThemeMode { System, Light, Dark }

/// <summary>
/// Dark mode: the user's choice (light, dark, or the device's setting) is a cookie, so the page is rendered in the right
/// colours on the server — the theme's CSS is written once per page load, outside the circuit (App.razor). For
/// "system", wwwroot/app.js reads the device's setting and, when it differs from what was rendered, stores it in a second
/// cookie and reloads once; every later page is rendered right from the start.
/// </summary>
public static class ThemePreference
{
    public const string ModeCookie = "sc-theme";
    public const string DeviceCookie = "sc-device-theme";

    public static ThemeMode ModeOf(HttpRequest request) => request.Cookies[ModeCookie] switch
    {
        "dark" => ThemeMode.Dark,
        "light" => ThemeMode.Light,
        _ => ThemeMode.System,
    };

    public static bool IsDark(HttpRequest request) => ModeOf(request) switch
    {
        ThemeMode.Dark => true,
        ThemeMode.Light => false,
        _ => request.Cookies[DeviceCookie] == "dark",
    };

    /// <summary>The toggle's order: the device's setting, then light, then dark, then back.</summary>
    public static ThemeMode Next(ThemeMode mode) => mode switch { ThemeMode.System => ThemeMode.Light, ThemeMode.Light => ThemeMode.Dark, _ => ThemeMode.System };

    /// <summary>POST /account/theme (mode=system|light|dark|next): remembers the choice for a year and goes back to the page it
    /// came from. A [FromForm] post, so the antiforgery token is checked.</summary>
    public static WebApplication MapThemeEndpoint(this WebApplication app)
    {
        app.MapPost("/account/theme", ([FromForm] string? mode, [FromForm] string? returnUrl, HttpContext context) =>
        {
            // "next": the toggle, which need not know the current mode (the circuit has no cookies).
            if (mode == "next") mode = Next(ModeOf(context.Request)).ToString();
            if (!Enum.TryParse<ThemeMode>(mode, ignoreCase: true, out var chosen) || !Enum.IsDefined(chosen) || int.TryParse(mode, out _))
                return Results.Problem("The theme must be system, light or dark.", statusCode: StatusCodes.Status400BadRequest);
            if (chosen == ThemeMode.System) context.Response.Cookies.Delete(ModeCookie);
            else
                context.Response.Cookies.Append(ModeCookie, chosen.ToString().ToLowerInvariant(), new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, IsEssential = true,
                });
            return Results.LocalRedirect(AccountEndpoints.SafeReturnUrl(returnUrl));
        });
        return app;
    }
}
