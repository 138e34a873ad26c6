using SupportCopilot.Core;
using SupportCopilot.Core.Data;
using OpenTelemetry.Trace;
using SupportCopilot.Core.Platform;
using SupportCopilot.Web.Account;
using SupportCopilot.Web.Knowledge;
using SupportCopilot.Web.Components;
using SupportCopilot.Web.Dashboard;
using SupportCopilot.Web.Platform;
using SupportCopilot.Web.Retrieval;
using SupportCopilot.Web.Security;
using SupportCopilot.Web.Tickets;

// A bad setting ends the start with a message naming it (exit 4), not a stack trace.
return await InvalidSettings.GuardAsync(async () =>
{
    if (await HealthProbe.TryRunAsync(args) is { } probeExit) return probeExit; // container HEALTHCHECK: `dotnet SupportCopilot.Web.dll healthcheck`

    var builder = WebApplication.CreateBuilder(args);
    var workers = builder.Configuration.GetSection("Workers");

    builder.Services
        .AddSupportCopilotData(builder.Configuration, builder.Environment.ContentRootPath)
        .AddSecurity(builder.Configuration)
        .AddWebPlatform()
        .AddForwardedHeaders(builder.Configuration)
        .AddSupportCopilotTelemetry(builder.Configuration, builder.Logging, "supportcopilot-web")
        .AddKnowledge(builder.Configuration, background: workers.GetValue("Ingestion", true))
        .AddRetrieval(builder.Configuration, syncVectors: true)
        .AddTickets()
        .AddReplyMemory(builder.Configuration, index: true)
        .AddTriage(builder.Configuration, background: workers.GetValue("Triage", true))
        .AddDrafting(builder.Configuration, background: workers.GetValue("Drafting", true))
        .AddApproval(builder.Configuration, sendInBackground: workers.GetValue("Outbox", true))
        .AddDashboard(builder.Configuration)
        .AddApiKeys();

    // Incoming requests as spans too (only does anything when an OTLP endpoint turned telemetry on).
    builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddAspNetCoreInstrumentation());

    var app = builder.Build();
    await app.InitializeAsync(); // migrate, roles, bootstrap key; demo users and samples in Development
    if (await UserCommand.TryRunAsync(app, args) is { } exitCode) return exitCode; // `create-user`: see README, Production
    if (await ApiKeyCommand.TryRunAsync(app, args) is { } keyExit) return keyExit;  // `create-api-key`
    if (await app.UnsafeReasonAsync() is { } unsafeReason)
    {
        await Console.Error.WriteLineAsync(unsafeReason);
        return 3;
    }

    app.UseWebPlatform();
    app.MapHealth();
    app.MapAccountEndpoints();
    SupportCopilot.Web.Theme.ThemePreference.MapThemeEndpoint(app);
    app.MapTicketsApi();
    app.MapKnowledgeApi();
    app.MapSearchApi();
    app.MapDashboardApi();
    app.MapUnknownApi();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

    app.Run();
    return 0;
});

public partial class Program; // for WebApplicationFactory<Program>
