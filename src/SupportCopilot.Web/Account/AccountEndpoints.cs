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
            var error = result.IsLockedOut ? "locked" : "invalid";
            return Results.Redirect($"/account/login?error={error}&returnUrl={Uri.EscapeDataString(back)}");
        }).AllowAnonymous();

        account.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });
        return app;
    }

    /// <summary>Only local paths: an attacker's link must not bounce a fresh sign-in to another site.</summary>
    internal static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
