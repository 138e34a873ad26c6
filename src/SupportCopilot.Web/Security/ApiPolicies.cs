using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Web.Security;

/// <summary>An API policy admits a key with the scope, or a signed-in user with one of the roles.</summary>
public static class ApiPolicies
{
    public const string TicketsWrite = "api:" + ApiScopes.TicketsWrite;
    public const string TicketsRead = "api:" + ApiScopes.TicketsRead;
    public const string KnowledgeWrite = "api:" + ApiScopes.KnowledgeWrite;
    public const string Search = "api:" + ApiScopes.Search;
    public const string MetricsRead = "api:" + ApiScopes.MetricsRead;

    public static void Add(AuthorizationOptions options)
    {
        Add(options, TicketsWrite, ApiScopes.TicketsWrite, Roles.Agent, Roles.Admin);
        Add(options, TicketsRead, ApiScopes.TicketsRead, Roles.Agent, Roles.Admin);
        Add(options, Search, ApiScopes.Search, Roles.Agent, Roles.Admin);
        Add(options, MetricsRead, ApiScopes.MetricsRead, Roles.Manager, Roles.Admin);
        // Keys only, no cookies: the upload endpoint takes multipart forms, which a browser can post cross-site,
        // so it must not accept a signed-in admin's cookie (admins upload through the Knowledge page instead).
        options.AddPolicy(KnowledgeWrite, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser().RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiScopes.KnowledgeWrite));
    }

    private static void Add(AuthorizationOptions options, string name, string scope, params string[] roles) =>
        options.AddPolicy(name, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(ctx => ctx.User.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, scope) || roles.Any(ctx.User.IsInRole)));
}
