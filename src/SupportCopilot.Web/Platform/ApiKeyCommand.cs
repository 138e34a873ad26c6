using SupportCopilot.Core.Security;

namespace SupportCopilot.Web.Platform;

/// <summary>
/// `create-api-key --name N --scopes tickets:write,search`: issues a scoped key (printed once) for an integration.
/// `revoke-api-key --name N`: revokes every active key of that name.
/// </summary>
public static class ApiKeyCommand
{
    public const string Name = "create-api-key";

    public const string RevokeName = "revoke-api-key";

    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length > 0 && args[0] == RevokeName) return await RevokeAsync(app, args);
        if (args.Length == 0 || args[0] != Name) return null;
        string? Arg(string flag) => args.SkipWhile(a => a != flag).Skip(1).FirstOrDefault();
        var name = Arg("--name");
        var scopes = (Arg("--scopes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = scopes.Except(ApiScopes.All).ToList();
        if (string.IsNullOrWhiteSpace(name) || scopes.Length == 0 || unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Usage: {Name} --name <integration> --scopes <{string.Join('|', ApiScopes.All)}>[,...]"
                + (unknown.Count > 0 ? $"\nUnknown scope(s): {string.Join(", ", unknown)}" : ""));
            return 2;
        }
        var (_, key) = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(name, scopes);
        await Console.Out.WriteLineAsync($"API key for {name} ({string.Join(", ", scopes)}) — shown once, store it now:\n{key}");
        return 0;
    }

    private static async Task<int> RevokeAsync(WebApplication app, string[] args)
    {
        var name = args.SkipWhile(a => a != "--name").Skip(1).FirstOrDefault();
        if (string.IsNullOrWhiteSpace(name))
        {
            await Console.Error.WriteLineAsync($"Usage: {RevokeName} --name <integration>");
            return 2;
        }
        var revoked = await app.Services.GetRequiredService<ApiKeyService>().RevokeAsync(name);
        if (revoked == 0)
        {
            await Console.Error.WriteLineAsync($"No active API key is named {name}.");
            return 1;
        }
        await Console.Out.WriteLineAsync($"Revoked {revoked} API key(s) named {name}.");
        return 0;
    }
}
