using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Samples;
using SupportCopilot.Core.Security;
using SupportCopilot.Web.Security;

namespace SupportCopilot.Web.Platform;

public static class AppInitializer
{
    /// <summary>Everything that must hold before the first request: schema, roles, keys, and in Development the demo data.</summary>
    public static async Task InitializeAsync(this WebApplication app)
    {
        await app.Services.MigrateDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }

        var bootstrap = sp.GetRequiredService<IOptions<SecurityOptions>>().Value.BootstrapApiKey;
        // Development only: elsewhere a configured bootstrap key makes the app refuse to start (ProductionSafety), and a
        // key stored before that refusal stayed valid after a restart without it (issue 21.5).
        if (!string.IsNullOrEmpty(bootstrap) && app.Environment.IsDevelopment())
            await sp.GetRequiredService<ApiKeyService>().EnsureBootstrapKeyAsync(bootstrap);

        if (app.Environment.IsDevelopment())
        {
            await sp.GetRequiredService<DemoUsers>().EnsureAsync();
            if (app.Configuration.GetValue("Samples:Seed", true)
                && SampleDataSeeder.Locate(app.Environment.ContentRootPath, app.Configuration["Samples:Path"]) is { } folder)
            {
                await sp.GetRequiredService<SampleDataSeeder>().SeedAsync(folder);
            }
        }
    }

    /// <summary>Outside Development: refuse to serve when <see cref="ProductionSafety"/> finds a problem (after the admin commands, which fix them).</summary>
    public static async Task<string?> UnsafeReasonAsync(this WebApplication app)
    {
        if (app.Environment.IsDevelopment()) return null;
        var problems = await ProductionSafety.ProblemsAsync(app.Services, app.Configuration);
        return problems.Count == 0 ? null : $"Refusing to start in {app.Environment.EnvironmentName}:\n - " + string.Join("\n - ", problems);
    }
}
