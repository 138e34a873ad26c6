using SupportCopilot.Core;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Platform;

// Scale-out worker: same database as the web app, no UI. It ingests documents, triages and drafts tickets and sends
// the outbox; any number can run side by side (jobs are leased, outbox messages claimed, drafts unique per version).
// A bad setting ends the start with a message naming it (exit 4), not a stack trace.
return await InvalidSettings.GuardAsync(async () =>
{
    var builder = Host.CreateApplicationBuilder(args);
    if (args.FirstOrDefault() == "healthcheck") return SupportCopilot.Worker.Heartbeat.Check(builder.Configuration);
    var workers = builder.Configuration.GetSection("Workers");
    builder.Services
        .AddSupportCopilotData(builder.Configuration, builder.Environment.ContentRootPath)
        .AddKnowledge(builder.Configuration, background: workers.GetValue("Ingestion", true))
        .AddRetrieval(builder.Configuration, syncVectors: false) // mirrors chunks to Qdrant when that is the search provider
        .AddTickets()
        .AddReplyMemory(builder.Configuration, index: workers.GetValue("Drafting", true))
        .AddTriage(builder.Configuration, background: workers.GetValue("Triage", true))
        .AddDrafting(builder.Configuration, background: workers.GetValue("Drafting", true))
        .AddApproval(builder.Configuration, sendInBackground: workers.GetValue("Outbox", true))
        .AddSupportCopilotTelemetry(builder.Configuration, builder.Logging, "supportcopilot-worker")
        .AddHostedService<SupportCopilot.Worker.Heartbeat>();

    var host = builder.Build();
    await host.Services.MigrateDatabaseAsync();
    await host.RunAsync();
    return 0;
});
