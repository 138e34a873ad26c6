using Microsoft.AspNetCore.Identity;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Web.Platform;

/// <summary>
/// `create-user --email E --role R [--name N]`: the way to make the first admin in Production, where there are no
/// demo users. The password is read from standard input so it never lands in shell history or process lists.
/// `delete-user --email E`: removes an account (e.g. a demo user before going to Production). What the user did stays in
/// the history under their id (approvals, notes, audit); the account can no longer sign in.
/// </summary>
public static class UserCommand
{
    public const string Name = "create-user";

    /// <summary>Runs the command when the first argument names it; returns the exit code, or null to start the app.</summary>
    public const string DeleteName = "delete-user";

    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length > 0 && args[0] == DeleteName) return await DeleteAsync(app, args.SkipWhile(a => a != "--email").Skip(1).FirstOrDefault());
        if (args.Length == 0 || args[0] != Name) return null;
        string? Arg(string flag) => args.SkipWhile(a => a != flag).Skip(1).FirstOrDefault();
        var email = Arg("--email");
        var role = Arg("--role") ?? Roles.Admin;
        if (email is null)
        {
            await Console.Error.WriteLineAsync($"Usage: {Name} --email <address> [--role {string.Join('|', Roles.All)}] [--name <display name>] < password");
            return 2;
        }
        var password = (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n') ?? "";
        await using var scope = app.Services.CreateAsyncScope();
        var error = await CreateAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), email, role, Arg("--name"), password);
        await (error is null ? Console.Out.WriteLineAsync($"Created {role} user {email}.") : Console.Error.WriteLineAsync(error));
        return error is null ? 0 : 1;
    }

    /// <summary>Creates the user in the role; returns a readable error or null on success.</summary>
    public static async Task<string?> CreateAsync(UserManager<AppUser> users, string email, string role, string? name, string password)
    {
        if (!Roles.All.Contains(role)) return $"Unknown role '{role}'. Use one of: {string.Join(", ", Roles.All)}.";
        if (await users.FindByEmailAsync(email) is not null) return $"A user with e-mail {email} already exists.";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name ?? email };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return string.Join(" ", created.Errors.Select(e => e.Description));
        var added = await users.AddToRoleAsync(user, role);
        return added.Succeeded ? null : string.Join(" ", added.Errors.Select(e => e.Description));
    }

    private static async Task<int> DeleteAsync(WebApplication app, string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            await Console.Error.WriteLineAsync($"Usage: {DeleteName} --email <address>");
            return 2;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            await Console.Error.WriteLineAsync($"No user has the e-mail {email}.");
            return 1;
        }
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join(" ", deleted.Errors.Select(e => e.Description)));
            return 1;
        }
        await Console.Out.WriteLineAsync($"Deleted user {email}.");
        return 0;
    }
}
