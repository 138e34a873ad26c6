using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Security;
using SupportCopilot.Web.Security;

namespace SupportCopilot.Web.Platform;

/// <summary>
/// Outside Development the app refuses to start unsafe: demo users, a bootstrap API key left in configuration, a
/// data-protection key ring it cannot persist, or the SQLite file on a network share (SQLite locking is unreliable there).
/// Each refusal says what to change.
/// </summary>
public static class ProductionSafety
{
    private static readonly string[] NetworkFileSystems = ["nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "glusterfs", "ceph", "fuse.glusterfs"];

    public static async Task<IReadOnlyList<string>> ProblemsAsync(IServiceProvider sp, IConfiguration config, string mounts = "/proc/mounts")
    {
        var problems = new List<string>();
        await using var scope = sp.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var (email, _, _) in DemoUsers.All)
            if (await users.FindByEmailAsync(email) is not null) problems.Add($"Demo user {email} exists; delete it with the delete-user command (demo users are for Development only).");
        if (!string.IsNullOrEmpty(config[$"{SecurityOptions.Section}:BootstrapApiKey"]))
            problems.Add("Security:BootstrapApiKey is set; create a scoped key with the create-api-key command and remove the bootstrap key from the configuration (it is never stored outside Development; revoke-api-key --name bootstrap revokes one stored earlier).");

        // The key ring must be in the shared store, with a usable key: otherwise cookies break on restart or on another instance.
        var keys = sp.GetRequiredService<IKeyManager>();
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ExpirationDate > DateTimeOffset.UtcNow))
            keys.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db.ApiKeys.Any(k => k.Name == ApiKeyService.BootstrapName && k.RevokedAt == null))
            problems.Add("A bootstrap API key is stored and active; revoke it with revoke-api-key --name bootstrap.");
        if (!db.DataProtectionKeys.Any()) problems.Add("The data-protection key store in the database is empty and no key could be written to it.");

        if (config.GetSection("Database:Provider").Value is null or "" or "Sqlite"
            && sp.GetRequiredService<StoragePaths>().DataDirectory is { } root && FileSystemOf(root, mounts) is { } fs && NetworkFileSystems.Contains(fs))
            problems.Add($"The SQLite database is on a network file system ({fs}) at {root}; use a local disk or Database:Provider=SqlServer.");
        return problems;
    }

    /// <summary>The file-system type of the longest mount point that contains <paramref name="path"/>, from /proc/mounts.</summary>
    public static string? FileSystemOf(string path, string mountsFile)
    {
        if (!File.Exists(mountsFile)) return null;
        var full = Path.GetFullPath(path).TrimEnd('/') + "/";
        return File.ReadLines(mountsFile).Select(l => l.Split(' ')).Where(p => p.Length >= 3)
            .Select(p => (Mount: p[1].Replace("\\040", " ").TrimEnd('/') + "/", Type: p[2]))
            .Where(m => full.StartsWith(m.Mount, StringComparison.Ordinal)).OrderByDescending(m => m.Mount.Length).Select(m => m.Type).FirstOrDefault();
    }
}
