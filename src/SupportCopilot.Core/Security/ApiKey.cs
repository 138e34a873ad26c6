namespace SupportCopilot.Core.Security;

/// <summary>A machine credential. Only a SHA-256 hash of the key is stored; the key itself is shown once.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The first characters of the key, so an admin can tell keys apart without the secret.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    /// <summary>Space-separated scopes, see <see cref="ApiScopes"/>.</summary>
    public required string Scopes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// <summary>When a request last authenticated with it (to the minute: not every request writes).</summary>
    public DateTime? LastUsedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

public static class ApiScopes
{
    public const string TicketsWrite = "tickets:write";
    public const string TicketsRead = "tickets:read";
    public const string KnowledgeWrite = "knowledge:write";
    public const string Search = "search";
    public const string MetricsRead = "metrics:read";

    public static readonly IReadOnlyList<string> All = [TicketsWrite, TicketsRead, KnowledgeWrite, Search, MetricsRead];
}
