using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using SupportCopilot.Core.Data;
using MudBlazor.Services;

namespace SupportCopilot.Web.Platform;

/// <summary>Hosting concerns shared by every feature: components, errors as ProblemDetails, health.</summary>
public static class WebPlatform
{
    public static IServiceCollection AddWebPlatform(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        // Cookie and antiforgery keys live in the data folder, so sign-ins survive a restart.
        services.AddDataProtection().SetApplicationName("SupportCopilot");
        services.AddOptions<KeyManagementOptions>().Configure<StoragePaths, ILoggerFactory>((o, paths, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(paths.File("keys")), logs));
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]).AddCheck<QdrantReadyCheck>("qdrant", tags: ["ready"]);
        return services;
    }

    public static WebApplication UseWebPlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // API errors without a body (401, 403, 404, 405, 415) get a ProblemDetails body; pages get the not-found page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments("/health"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        return app;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
