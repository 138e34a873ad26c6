using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Security;

namespace SupportCopilot.Web.Admin;

public sealed record UserRow(string Id, string Email, string Name, string? Role, bool Disabled);

/// <param name="Error">Why it did not happen; null when it did.</param>
/// <param name="Password">A password generated for the admin to hand over, shown once; never stored in the clear or logged.</param>
public sealed record UserResult(string? Error, string? Password = null);

/// <summary>
/// Users from the browser (issue 20.6): create with a one-time password, change role, disable and enable, reset the
/// password. Each is audited. An admin cannot disable themselves or take away their own admin role, so the last admin
/// cannot lock everyone out by a slip. Disabling signs the user out within the cookie's validation interval.
/// </summary>
public sealed class UserAdministration(UserManager<AppUser> users, AuditLog audit)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync()
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        var rows = new List<UserRow>();
        foreach (var u in all)
        {
            var role = (await users.GetRolesAsync(u)).FirstOrDefault();
            rows.Add(new(u.Id, u.Email ?? u.UserName ?? u.Id, u.DisplayName, role, u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow));
        }
        return rows;
    }

    public async Task<UserResult> CreateAsync(string? email, string? name, string? role, Actor by)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email)) return new("Enter a valid e-mail address.");
        if (string.IsNullOrEmpty(role)) return new("Choose a role.");
        var password = NewPassword();
        var error = await Platform.UserCommand.CreateAsync(users, email, role, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), password);
        if (error is not null) return new(error);
        await audit.RecordAsync(by, AuditActions.UserCreated, $"user:{email}", $"role {role}");
        return new(null, password);
    }

    public async Task<UserResult> SetRoleAsync(string userId, string role, Actor by)
    {
        if (!Roles.All.Contains(role)) return new($"Unknown role '{role}'.");
        if (await users.FindByIdAsync(userId) is not { } user) return new("The user does not exist.");
        if (user.Id == by.Id && role != Roles.Admin) return new("You cannot take away your own admin role; another admin can.");
        var old = await users.GetRolesAsync(user);
        if (old.SequenceEqual([role])) return new(null);
        var removed = await users.RemoveFromRolesAsync(user, old);
        var added = removed.Succeeded ? await users.AddToRoleAsync(user, role) : removed;
        if (!added.Succeeded) return new(string.Join(" ", added.Errors.Select(e => e.Description)));
        await users.UpdateSecurityStampAsync(user); // the new role applies at the next cookie check, not at the next sign-in
        await audit.RecordAsync(by, AuditActions.UserRoleChanged, $"user:{user.Email}", $"{string.Join(",", old)} → {role}");
        return new(null);
    }

    public async Task<UserResult> SetDisabledAsync(string userId, bool disabled, Actor by)
    {
        if (await users.FindByIdAsync(userId) is not { } user) return new("The user does not exist.");
        if (disabled && user.Id == by.Id) return new("You cannot disable your own account.");
        await users.SetLockoutEnabledAsync(user, true);
        var result = await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null);
        if (!result.Succeeded) return new(string.Join(" ", result.Errors.Select(e => e.Description)));
        await users.UpdateSecurityStampAsync(user); // open sessions end at the next cookie check
        await audit.RecordAsync(by, disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, $"user:{user.Email}");
        return new(null);
    }

    public async Task<UserResult> ResetPasswordAsync(string userId, Actor by)
    {
        if (await users.FindByIdAsync(userId) is not { } user) return new("The user does not exist.");
        var password = NewPassword();
        var removed = await users.RemovePasswordAsync(user);
        var added = removed.Succeeded ? await users.AddPasswordAsync(user, password) : removed;
        if (!added.Succeeded) return new(string.Join(" ", added.Errors.Select(e => e.Description)));
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(by, AuditActions.UserPasswordReset, $"user:{user.Email}");
        return new(null, password);
    }

    /// <summary>20 characters from an alphabet without look-alikes, plus one of each kind Identity's policy asks for.</summary>
    internal static string NewPassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return new string(RandomNumberGenerator.GetItems<char>(letters, 20)) + "a7Z-";
    }
}
