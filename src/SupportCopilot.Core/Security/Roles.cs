namespace SupportCopilot.Core.Security;

/// <summary>The three roles of the product; every page and endpoint names the ones it allows.</summary>
public static class Roles
{
    public const string Agent = "Agent";
    public const string Admin = "Admin";
    public const string Manager = "Manager";

    public static readonly IReadOnlyList<string> All = [Agent, Admin, Manager];
}
