using SupportCopilot.Core;
using SupportCopilot.Core.Data;

// Scale-out worker: same database as the web app, no UI. It processes ingestion jobs and sends the outbox;
// any number can run side by side (jobs are leased, outbox messages claimed).
var builder = Host.CreateApplicationBuilder(args);
var workers = builder.Configuration.GetSection("Workers");
builder.Services
    .AddSupportCopilotData(builder.Configuration, builder.Environment.ContentRootPath)
    .AddKnowledge(builder.Configuration, background: workers.GetValue("Ingestion", true))
    .AddRetrieval(builder.Configuration, syncVectors: false) // mirrors chunks to Qdrant when that is the search provider
    .AddApproval(builder.Configuration, sendInBackground: workers.GetValue("Outbox", true));

var host = builder.Build();
await host.Services.MigrateDatabaseAsync();
await host.RunAsync();
