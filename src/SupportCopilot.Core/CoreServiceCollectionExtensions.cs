using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Dashboard;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;
using SupportCopilot.Core.Retrieval.Qdrant;
using Microsoft.Extensions.Options;
using SupportCopilot.Core.Samples;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core;

/// <summary>One Add… per feature, so a host (web or worker) picks exactly what it runs.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <param name="background">Run ingestion jobs in this process (the web app by default, every worker when scaled out).</param>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration config, bool background)
    {
        services.AddOptions<IngestionOptions>().Bind(config.GetSection(IngestionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddEmbeddings(config)
            .AddSingleton<KnowledgeUploads>().AddSingleton<IngestionJobs>().AddSingleton<IngestionProcessor>().AddSingleton<IngestionWorker>()
            .AddSingleton<KnowledgeCatalog>().AddSingleton<SampleDataSeeder>();
        if (background) services.AddHostedService(sp => sp.GetRequiredService<IngestionWorker>());
        return services;
    }

    /// <param name="syncVectors">Keep the in-memory vector index in step with the database (where searches run).</param>
    public static IServiceCollection AddRetrieval(this IServiceCollection services, IConfiguration config, bool syncVectors)
    {
        services.AddOptions<RetrievalOptions>().Bind(config.GetSection(RetrievalOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new EmbeddedVectorIndex(int8: sp.GetRequiredService<IOptions<RetrievalOptions>>().Value.Quantization == "Int8"))
            .AddSingleton<VectorIndexSync>().AddSingleton<QueryTranslator>().AddSingleton<Retriever>();
        var provider = config.GetSection(RetrievalOptions.Section)["Provider"] ?? "Embedded";
        if (provider == "Qdrant")
        {
            services.AddOptions<QdrantOptions>().Bind(config.GetSection(QdrantOptions.Section)).ValidateDataAnnotations()
                .Validate(o => o.Url is not null, "Search:Qdrant:Url is required when Search:Provider is Qdrant.")
                .Validate<IOptions<EmbeddingModelOptions>>((_, e) => e.Value.Configured, "Search:Provider Qdrant needs an embedding model (Models:Embedding:0:Model): points carry a dense vector.")
                .ValidateOnStart();
            services.AddHttpClient<QdrantClient>((sp, http) => http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<QdrantOptions>>().Value.TimeoutSeconds));
            services.AddSingleton<IExternalVectorStore, QdrantVectorStore>();
        }
        else if (syncVectors)
        {
            services.AddHostedService(sp => sp.GetRequiredService<VectorIndexSync>());
        }
        return services;
    }

    /// <param name="index">Embed new entries and keep this process's memory vector index in step (where searches run).</param>
    public static IServiceCollection AddReplyMemory(this IServiceCollection services, IConfiguration config, bool index)
    {
        services.AddOptions<Memory.MemoryOptions>().Bind(config.GetSection(Memory.MemoryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        AddPii(services, config);
        services.AddSingleton(sp => new Memory.MemoryVectors(new EmbeddedVectorIndex(int8: sp.GetRequiredService<IOptions<RetrievalOptions>>().Value.Quantization == "Int8")))
            .AddSingleton<Memory.MemoryRedactor>().AddSingleton<Memory.ReplyMemories>().AddSingleton<Memory.MemoryIndexer>()
            .AddSingleton<Memory.CustomerErasure>();
        if (index) services.AddHostedService(sp => sp.GetRequiredService<Memory.MemoryIndexer>());
        return services;
    }

    public static IServiceCollection AddTickets(this IServiceCollection services) =>
        services.AddSingleton<TicketService>().AddSingleton<TicketChanges>().AddSingleton<Audit.AuditLog>().AddSingleton<TicketWorkflow>().AddSingleton<BulkActions>().AddSingleton<SavedViews>().AddSingleton<Attachments>().AddSingleton<Macros.MacroLibrary>();

    public static IServiceCollection AddDrafting(this IServiceCollection services, IConfiguration config, bool background)
    {
        Models.ModelChain.AddModelChain(services, config);
        // Every process that drafts or shows the Settings page probes its own chain (circuits are per process).
        var probeEvery = TimeSpan.FromSeconds(config.GetValue(Models.ModelHealthProbe.IntervalSetting, 30));
        services.AddHostedService(sp => new Models.ModelHealthProbe(sp.GetRequiredService<Models.ModelChain>(), new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
            probeEvery, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Models.ModelHealthProbe>>()));
        AddPii(services, config);
        var contacts = (config.GetSection("Drafting:OwnContacts").Get<string[]>() ?? []).Append(config["Outbox:FromAddress"] ?? "support@example.com");
        services.AddSingleton(new OwnContacts(contacts.Where(c => !string.IsNullOrWhiteSpace(c)).ToList()));
        // Every process that drafts or shows flags trains its own learned injection signal.
        services.AddSingleton(Drafting.Guards.GuardOptions.From(config)).AddSingleton<Drafting.Guards.LearnedInjectionSignal>().AddSingleton<Drafting.Guards.InstructionClassifierTrainer>().AddSingleton<Drafting.Guards.InjectionSecondOpinion>()
            .AddHostedService(sp => sp.GetRequiredService<Drafting.Guards.InstructionClassifierTrainer>());
        services.AddSingleton<DraftingService>().AddSingleton<DraftingWorker>().AddSingleton<ReplyFrames>()
            .AddSingleton<Approval.Signatures>().AddSingleton<Approval.CopyStyles>();
        if (background) services.AddHostedService(sp => sp.GetRequiredService<DraftingWorker>());
        return services;
    }

    /// <summary>The personal-data redactor drafting and reply memory share. Extra patterns (name → regex), e.g. customer
    /// numbers: Drafting:Pii:Patterns:CUSTOMER = "CU-\\d{6}".</summary>
    private static void AddPii(IServiceCollection services, IConfiguration config)
    {
        var patterns = config.GetSection("Drafting:Pii:Patterns").GetChildren().ToDictionary(c => c.Key, c => c.Value ?? "");
        services.TryAddSingleton(new Drafting.Guards.PiiRedactor(patterns));
    }

    public static IServiceCollection AddApproval(this IServiceCollection services, IConfiguration config, bool sendInBackground)
    {
        services.AddOptions<OutboxOptions>().Bind(config.GetSection(OutboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PublicKnowledgeOptions>().Bind(config.GetSection(PublicKnowledgeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxOptions>()
            .Validate(o => o.Channel != ReplyChannelKind.Smtp || !string.IsNullOrWhiteSpace(o.Smtp.Host), "Outbox:Smtp:Host is required when Outbox:Channel is Smtp.")
            .Validate(o => o.Channel != ReplyChannelKind.Webhook || Uri.TryCreate(o.Webhook.Url, UriKind.Absolute, out _), "Outbox:Webhook:Url must be an absolute URL when Outbox:Channel is Webhook.")
            .Validate(o => o.Channel != ReplyChannelKind.Webhook || o.Webhook.Secret.Length >= 16, "Outbox:Webhook:Secret must be at least 16 characters.");
        services.AddSingleton<ApprovalService>().AddSingleton<OutboxSender>().AddSingleton<PickupDirectoryChannel>()
            .AddSingleton<Mail.SmtpChannel>();
        services.AddHttpClient<Mail.WebhookChannel>();
        var channel = config.GetSection(OutboxOptions.Section).GetValue(nameof(OutboxOptions.Channel), ReplyChannelKind.Pickup);
        services.AddSingleton<IReplyChannel>(sp => channel switch
        {
            ReplyChannelKind.Smtp => sp.GetRequiredService<Mail.SmtpChannel>(),
            ReplyChannelKind.Webhook => sp.GetRequiredService<Mail.WebhookChannel>(),
            _ => sp.GetRequiredService<PickupDirectoryChannel>(),
        });
        if (sendInBackground) services.AddHostedService<OutboxDispatcher>();
        services.AddOptions<Mail.ImapOptions>().Bind(config.GetSection(Mail.ImapOptions.Section)).ValidateDataAnnotations()
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.Username), "Intake:Imap:Username is required when Intake:Imap:Host is set.").ValidateOnStart();
        services.AddSingleton<Mail.ImapIntake>();
        if (sendInBackground && config.GetSection(Mail.ImapOptions.Section).Get<Mail.ImapOptions>() is { Enabled: true })
            services.AddHostedService<Mail.ImapIntakeWorker>();
        return services;
    }

    public static IServiceCollection AddTriage(this IServiceCollection services, IConfiguration config, bool background)
    {
        services.AddOptions<TriageOptions>().Bind(config.GetSection(TriageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoutingOptions>().Bind(config.GetSection(RoutingOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.SlaHours.Values.All(h => h > 0), "Triage:Routing:SlaHours must be positive.").ValidateOnStart();
        services.AddSingleton<TriageModels>().AddSingleton<TriageRouting>().AddSingleton<TriageService>().AddSingleton<TriageCorrections>()
            .AddSingleton<TriageImport>().AddSingleton<TriageWorker>();
        if (background) services.AddHostedService(sp => sp.GetRequiredService<TriageWorker>());
        return services;
    }

    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<DashboardOptions>().Bind(config.GetSection(DashboardOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<TicketFactsWarmup>();
        return services.AddSingleton<TicketFactsCache>().AddSingleton<DashboardService>();
    }

    public static IServiceCollection AddApiKeys(this IServiceCollection services) => services.AddSingleton<ApiKeyService>();
}
