using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportCopilot.Core.Retrieval.Qdrant;

namespace SupportCopilot.Web.Platform;

/// <summary>When Qdrant is the search provider, ready also means Qdrant answers; otherwise there is nothing to check.</summary>
public sealed class QdrantReadyCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var client = services.GetService<QdrantClient>();
        if (client is null) return HealthCheckResult.Healthy("Embedded search: no Qdrant configured.");
        return await client.IsHealthyAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Qdrant does not answer its health endpoint.");
    }
}
