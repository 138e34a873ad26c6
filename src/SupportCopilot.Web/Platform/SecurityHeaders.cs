namespace SupportCopilot.Web.Platform;

/// <summary>
/// Response headers every answer carries. The policy allows only this app's own scripts (blazor.web.js, MudBlazor.min.js,
/// app.js — no inline script, no eval: Blazor Server needs neither), this app's own images (plus data: URIs for
/// MudBlazor's icons), and the circuit's WebSocket to this origin. Inline styles stay allowed: MudBlazor sets style
/// attributes and the theme is an inline stylesheet. Remote images are refused, so a customer's tracking pixel in a
/// ticket or draft is never fetched by an agent's browser.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "SAMEORIGIN";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
