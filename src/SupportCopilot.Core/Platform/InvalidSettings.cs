using Microsoft.Extensions.Options;

namespace SupportCopilot.Core.Platform;

/// <summary>
/// Settings are validated at start (ValidateOnStart); a bad one used to end the process with an unhandled exception:
/// exit 134 and a stack trace. This says which settings are wrong, and exits with <see cref="ExitCode"/>.
/// </summary>
public static class InvalidSettings
{
    public const int ExitCode = 4;

    public static async Task<int> GuardAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"Invalid settings ({e.OptionsType.Name}); fix the configuration and start again:\n - " +
                string.Join("\n - ", e.Failures));
            return ExitCode;
        }
    }
}
