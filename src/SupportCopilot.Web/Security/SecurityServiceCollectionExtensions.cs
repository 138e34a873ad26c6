using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Web.Security;

public sealed class SecurityOptions
{
    public const string Section = "Security";
    /// <summary>When set, registered at start as an API key with every scope (for automation and tests).</summary>
    public string? BootstrapApiKey { get; set; }
}

public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SecurityOptions>().Bind(config.GetSection(SecurityOptions.Section))
            .Validate(o => o.BootstrapApiKey is null || o.BootstrapApiKey.Length >= 24, "Security:BootstrapApiKey must be at least 24 characters.")
            .ValidateOnStart();

        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();

        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "SupportCopilot.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure behind HTTPS (and behind a proxy that says so)
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            // APIs answer with status codes, never with a redirect to an HTML sign-in page.
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            // Deny by default: a page or endpoint without an explicit rule still needs a signed-in user.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.Configure<AuthorizationOptions>(ApiPolicies.Add);
        services.AddCascadingAuthenticationState();
        // A disabled user, a changed role, a reset password: requests notice within a minute, open pages too.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<DemoUsers>().AddScoped<UserAudit>().AddScoped<Admin.UserAdministration>();
        return services;
    }

    private static Task ApiAwareRedirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        // Downloads (CSV exports, original documents) answer like the API: a redirect to a page is no answer for a file.
        if (Platform.WebPlatform.AnswersWithStatus(ctx.Request.Path)) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
