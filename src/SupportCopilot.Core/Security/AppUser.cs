using Microsoft.AspNetCore.Identity;

namespace SupportCopilot.Core.Security;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
