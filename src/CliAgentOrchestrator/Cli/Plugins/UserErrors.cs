using CliAgentOrchestrator.Client;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary>
/// Runs a command's work and turns every error the user can cause into one line on stderr and exit
/// code 1, never a stack trace. Anything else is a bug in CAO and is left to crash loudly.
/// </summary>
public static class UserErrors
{
    public static async Task<int> RunAsync(CliEnvironment environment, Func<Task<int>> action)
    {
        // Redirected output has no width; Spectre would wrap paths at 80 columns.
        if (Console.IsOutputRedirected || !environment.Out.Profile.Capabilities.Interactive)
            environment.Out.Profile.Width = 240;
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is InstallationException or CaoConfigurationException or InvalidDataException or CaoApiException or IOException or UnauthorizedAccessException)
        {
            environment.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    public static Task<int> Run(CliEnvironment environment, Func<int> action) => RunAsync(environment, () => Task.FromResult(action()));

    /// <summary>Text from the user or a file, made safe for Spectre markup.</summary>
    public static string Safe(string? text) => Markup.Escape(text ?? "");
}
