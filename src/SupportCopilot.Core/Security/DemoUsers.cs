using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Security;

/// <summary>
/// Development only: one user per role with a random password, printed once and kept in data/demo-users.txt.
/// Production start-up refuses demo users (see the Web project's security checks).
/// </summary>
public sealed partial class DemoUsers(UserManager<AppUser> users, StoragePaths paths, ILogger<DemoUsers> log)
{
    public const string FileName = "demo-users.txt";
    public static readonly IReadOnlyList<(string Email, string Name, string Role)> All =
    [
        ("agent@demo.local", "Alex Agent", Roles.Agent),
        ("admin@demo.local", "Ada Admin", Roles.Admin),
        ("manager@demo.local", "Max Manager", Roles.Manager),
    ];

    public async Task EnsureAsync()
    {
        var created = new List<(string Email, string Line)>();
        foreach (var (email, name, role) in All)
        {
            if (await users.FindByEmailAsync(email) is not null) continue;
            var password = NewPassword();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            Check(await users.CreateAsync(user, password), email);
            Check(await users.AddToRoleAsync(user, role), email);
            created.Add((email, $"{role,-8} {email}  {password}"));
        }
        if (created.Count == 0) return;
        var path = paths.File(FileName);
        // A user created again (the database was deleted, the file kept) replaces their old line: a stale password
        // first in the file was what a newcomer who reset the database tried, and failed with.
        var kept = File.Exists(path) ? (await File.ReadAllLinesAsync(path)).Where(l => !created.Any(c => Fields(l) is [_, var e, _] && e == c.Email)) : [];
        await File.WriteAllLinesAsync(path, kept.Concat(created.Select(c => c.Line)));
        // Printed once, on the start that created the users; later starts find them in the file.
        LogCreated(log, Environment.NewLine + string.Join(Environment.NewLine, created.Select(c => c.Line)), path);
    }

    /// <summary>Reads the demo credentials file: email → password.</summary>
    public static IReadOnlyDictionary<string, string> ReadFile(string dataDirectory) =>
        File.ReadAllLines(Path.Combine(dataDirectory, FileName)).Select(Fields)
            .Where(p => p.Length == 3).GroupBy(p => p[1]).ToDictionary(g => g.Key, g => g.Last()[2]); // a file from before the fix may hold a user twice: the last line is current

    private static string[] Fields(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string NewPassword() =>
        // Identity's default rules want upper, lower, digit and symbol; the random part carries the strength.
        "Demo-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y') + "7a";

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded) throw new InvalidOperationException($"Could not create demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }

    [LoggerMessage(LogLevel.Warning, "Demo users created (Development only). Sign in with:{Credentials}\nThese credentials are also in {Path}.")]
    private static partial void LogCreated(ILogger logger, string credentials, string path);
}
