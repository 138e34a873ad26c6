using System.Security.Claims;
using SupportCopilot.Core.Audit;

namespace SupportCopilot.Web.Security;

public static class ActorExtensions
{
    /// <summary>The signed-in user as the audit log names them.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous", user.Identity?.Name ?? "anonymous");
}
