using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Security;

/// <summary>
/// Issues and checks API keys. Keys are 256 random bits, so a plain SHA-256 (no salt, no stretching) is enough
/// to make the stored hash useless to a thief, and lets us look a key up by its hash in one indexed query.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const string BootstrapName = "bootstrap";

    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, IEnumerable<string> scopes, CancellationToken ct = default)
    {
        var scopeList = scopes.Distinct().ToList();
        var unknown = scopeList.Except(ApiScopes.All).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown scope(s): {string.Join(", ", unknown)}", nameof(scopes));
        var secret = "sc_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = await StoreAsync(name, secret, scopeList, ct);
        return (key, secret);
    }

    /// <summary>Registers the configured bootstrap key (all scopes) unless a key with the same hash exists.</summary>
    public async Task EnsureBootstrapKeyAsync(string secret, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = Hash(secret);
        if (await db.ApiKeys.AnyAsync(k => k.Hash == hash, ct)) return;
        await StoreAsync(BootstrapName, secret, ApiScopes.All, ct);
    }

    /// <summary>Revokes every active key of that name (e.g. "bootstrap"); returns how many. Revoked keys stay listed.</summary>
    public async Task<int> RevokeAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiKeys.Where(k => k.Name == name && k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
    }

    public async Task<ApiKey?> ValidateAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 200) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = Hash(secret);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, ct);
        // The database matched on the hash; compare again in constant time so timing says nothing about near misses.
        if (key is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.Hash), Encoding.ASCII.GetBytes(hash))) return null;
        // "Last used" for the admin page, written at most once a minute per key: not a write on every request.
        var now = clock.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
            key.LastUsedAt = now;
        }
        return key;
    }

    /// <summary>Every key, newest first, revoked ones too (they stay listed with when).</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct);
    }

    /// <summary>Revokes one key; false when it does not exist or was revoked already.</summary>
    public async Task<bool> RevokeAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct) == 1;
    }

    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private async Task<ApiKey> StoreAsync(string name, string secret, IEnumerable<string> scopes, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = new ApiKey
        {
            Name = name, Prefix = secret[..Math.Min(8, secret.Length)], Hash = Hash(secret),
            Scopes = string.Join(' ', scopes), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return key;
    }
}
