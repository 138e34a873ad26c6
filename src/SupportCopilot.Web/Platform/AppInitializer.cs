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
        if (!string.IsNullOrEmpty(bootstrap)) await sp.GetRequiredService<ApiKeyService>().EnsureBootstrapKeyAsync(bootstrap);

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        if (app.Environment.IsDevelopment())
        {
            await sp.GetRequiredService<DemoUsers>().EnsureAsync();
            if (app.Configuration.GetValue("Samples:Seed", true)
                && SampleDataSeeder.Locate(app.Environment.ContentRootPath, app.Configuration["Samples:Path"]) is { } folder)
            {
                await sp.GetRequiredService<SampleDataSeeder>().SeedAsync(folder);
            }
        }
        else
        {
            foreach (var (email, _, _) in DemoUsers.All)
            {
                if (await users.FindByEmailAsync(email) is not null)
                    throw new InvalidOperationException($"Demo user {email} exists outside Development. Delete it before running in {app.Environment.EnvironmentName}.");
            }
        }
    }
}
