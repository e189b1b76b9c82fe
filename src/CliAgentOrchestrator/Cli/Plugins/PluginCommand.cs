using System.CommandLine;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin …</c>: create, install, inspect and switch plugins. See docs/plugins.md.</summary>
public static class PluginCommand
{
    /// <param name="environment">Variables, console and server address; the process's by default.</param>
    public static Command Create(CliEnvironment? environment = null)
    {
        environment ??= CliEnvironment.FromProcess();
        return new Command("plugin", "Create, install, list and switch CAO plugins")
        {
            PluginNewCommand.Create(environment),
            PluginInstallCommand.Create(environment),
            PluginUninstallCommand.Create(environment),
            PluginListCommand.Create(environment),
            PluginInfoCommand.Create(environment),
            PluginEnableCommand.Create(environment),
            PluginDisableCommand.Create(environment),
        };
    }
}
