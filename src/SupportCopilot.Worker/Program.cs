using SupportCopilot.Core;
using SupportCopilot.Core.Data;

// Scale-out worker: same database as the web app, no UI. Today it sends the outbox;
// ingestion and drafting jobs join it as their issues land.
var builder = Host.CreateApplicationBuilder(args);
builder.Services
    .AddSupportCopilotData(builder.Configuration, builder.Environment.ContentRootPath)
    .AddApproval(builder.Configuration, sendInBackground: true);

var host = builder.Build();
await host.Services.MigrateDatabaseAsync();
await host.RunAsync();
