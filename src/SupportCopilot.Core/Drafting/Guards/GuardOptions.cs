using Microsoft.Extensions.Configuration;

namespace SupportCopilot.Core.Drafting.Guards;

/// <summary>The injection detector's settings (section <c>Guards</c>), read once when the services are registered.</summary>
public sealed record GuardOptions(bool LearnedDetector = true, double LearnedRetrainHours = 24, bool SecondOpinion = true, int SecondOpinionTimeoutSeconds = 15)
{
    public static GuardOptions From(IConfiguration config) => new(
        config.GetValue("Guards:LearnedDetector", true),
        Math.Max(1, config.GetValue("Guards:LearnedRetrainHours", 24.0)),
        config.GetValue("Guards:SecondOpinion", true),
        Math.Max(1, config.GetValue("Guards:SecondOpinionTimeoutSeconds", 15)));
}
