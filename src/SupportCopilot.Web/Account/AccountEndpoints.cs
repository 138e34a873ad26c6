using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Web.Account;

/// <summary>
/// Sign-in and sign-out are plain form posts: cookies can only be set on an HTTP response, not over the
/// Blazor circuit. Minimal APIs validate the antiforgery token of [FromForm] posts automatically.
/// </summary>
public static class AccountEndpoints
{
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/login", async ([FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
            SignInManager<AppUser> signIn) =>
        {
            var back = SafeReturnUrl(returnUrl);
            if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
                return Results.Redirect($"/account/login?error=missing&returnUrl={Uri.EscapeDataString(back)}");
            var result = await signIn.PasswordSignInAsync(email.Trim(), password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded) return Results.LocalRedirect(back);
            // Locked or wrong, the answer is the same: "locked" only for existing accounts told an attacker which exist.
            return Results.Redirect($"/account/login?error=invalid&returnUrl={Uri.EscapeDataString(back)}");
        }).AllowAnonymous();

        // No form field is bound here, so the automatic antiforgery check of [FromForm] posts does not apply: checked by
        // hand, or any page (another port of the same host counts as same-site) could sign an agent out.
        account.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.Problem("The sign-out form has expired or came from another site. Reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// Only local paths: an attacker's link must not bounce a fresh sign-in to another site. Control characters, spaces
    /// and non-ASCII are refused too: browsers strip or fold some of them ("/\t/evil", "/。evil"), and
    /// LocalRedirect threw on them (a 500).
    /// </summary>
    internal static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\")
        && url.All(c => c is > ' ' and < (char)127 and not '\\') ? url : "/";
}
