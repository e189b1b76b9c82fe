using System.CommandLine;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin …</c>: create, install, inspect and switch plugins. See docs/plugins.md.</summary>
public static class PluginCommand
{
    public static Command Create() => new("plugin", "Create, install, list and switch CAO plugins")
    {
        PluginNewCommand.Create(),
        PluginInstallCommand.Create(),
        PluginUninstallCommand.Create(),
        PluginListCommand.Create(),
        PluginInfoCommand.Create(),
        PluginEnableCommand.Create(),
        PluginDisableCommand.Create(),
    };
}
