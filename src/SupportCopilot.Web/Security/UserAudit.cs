using Microsoft.AspNetCore.Components.Authorization;
using SupportCopilot.Core.Audit;

namespace SupportCopilot.Web.Security;

/// <summary>The audit log as seen from a page: records the action under the circuit's signed-in user.</summary>
public sealed class UserAudit(AuditLog log, AuthenticationStateProvider auth)
{
    public async Task RecordAsync(string action, string target, string? detail = null)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        await log.RecordAsync(user.ToActor(), action, target, detail);
    }
}
