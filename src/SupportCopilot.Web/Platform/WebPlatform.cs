using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using SupportCopilot.Core.Data;
using MudBlazor.Services;

namespace SupportCopilot.Web.Platform;

/// <summary>Hosting concerns shared by every feature: components, errors as ProblemDetails, health.</summary>
public static class WebPlatform
{
    public const long MaxCircuitMessageBytes = 256 * 1024;

    /// <summary>
    /// Addresses that answer with status codes, never with a page: the API and file downloads (CSV exports, original
    /// documents). A 403 for a CSV became a redirect and then a 404 page (issue 21.15).
    /// </summary>
    public static bool AnswersWithStatus(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/dashboard/export") || path.StartsWithSegments("/documents");

    public static IServiceCollection AddWebPlatform(this IServiceCollection services)
    {
        // A reply editor sends its whole text with each input event: SignalR's default 32 KB per incoming message cut off
        // replies of ~16,000 characters (the circuit dropped and reconnected with the server's copy stale). 256 KB holds
        // a reply at the 20,000-character limit in any script; approval still checks the screen (SeenReply).
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = MaxCircuitMessageBytes);
        services.AddSingleton<CircuitActivityTiming>();
        services.AddSingleton<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<CircuitActivityTiming>());
        services.AddMudServices();
        // Cookie and antiforgery keys live in the database: sign-ins survive a restart, and every web instance behind
        // a load balancer reads the same key ring (a cookie issued by one instance is valid on the others).
        services.AddDataProtection().SetApplicationName("SupportCopilot").PersistKeysToDbContext<AppDbContext>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]).AddCheck<QdrantReadyCheck>("qdrant", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Behind a reverse proxy (ForwardedHeaders:Enabled): trust X-Forwarded-For/-Proto from the configured proxies only,
    /// so redirects, secure cookies and audit IPs see the client's scheme and address, not the proxy's.
    /// </summary>
    public static IServiceCollection AddForwardedHeaders(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in config.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            foreach (var network in config.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return services;
    }

    public static WebApplication UseWebPlatform(this WebApplication app)
    {
        if (app.Configuration.GetValue("ForwardedHeaders:Enabled", false)) app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // API errors without a body (401, 403, 404, 405, 415) get a ProblemDetails body; pages get the not-found page.
        app.UseWhen(c => AnswersWithStatus(c.Request.Path), api => api.UseStatusCodePages());
        app.UseWhen(c => !AnswersWithStatus(c.Request.Path) && !c.Request.Path.StartsWithSegments("/health"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the status-code pages: re-executing "/not-found" must route again. Left implicit, routing ran
        // first, the re-executed request found no endpoint, and an unknown address got an empty 404.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Any other /api address is a 404 problem for everyone. Without an endpoint the fallback policy (cookie sign-in)
    /// ran instead and told a caller with a valid key "401" for /api/tickets/abc.
    /// </summary>
    public static WebApplication MapUnknownApi(this WebApplication app)
    {
        app.Map("/api/{**path}", (string? path) => TypedResults.Problem($"There is no API at /api/{path}.", statusCode: StatusCodes.Status404NotFound))
            .AllowAnonymous().DisableAntiforgery();
        return app;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        // For the circuits benchmark only: managed heap after a full collection, and server time per circuit
        // activity. Development plus an explicit switch.
        // Both only in Development with the switch on, and only for a key with metrics:read or a manager/admin
        // (an `if` without braces once left the second one open to anyone in Production).
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Diagnostics:MemoryEndpoint", false))
        {
            app.MapGet("/_diagnostics/memory", () =>
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                return Results.Ok(new { heapBytes = GC.GetTotalMemory(forceFullCollection: true) });
            }).RequireAuthorization(Security.ApiPolicies.MetricsRead);
            // Server-side time of circuit activities since the last call (each call starts a new window).
            app.MapGet("/_diagnostics/circuits", (CircuitActivityTiming timing) =>
            {
                var (p50, p95, count) = timing.TakeWindow();
                return Results.Ok(new
                {
                    p50Ms = Math.Round(p50, 2), p95Ms = Math.Round(p95, 2), activities = count,
                    gcPauseMs = GC.GetTotalPauseDuration().TotalMilliseconds, gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2),
                });
            }).RequireAuthorization(Security.ApiPolicies.MetricsRead);
        }
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
