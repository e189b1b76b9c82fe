using System.CommandLine;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin …</c>: create, install, inspect and switch plugins. See docs/plugins.md.</summary>
public static class PluginCommand
{
    public static Command Create(CliContext context) =>
        new("plugin", "Create, install, list, reload, test and switch CAO plugins")
        {
            PluginNewCommand.Create(context),
            PluginInstallCommand.Create(context),
            PluginUninstallCommand.Create(context),
            PluginListCommand.Create(context),
            PluginInfoCommand.Create(context),
            PluginEnableCommand.Create(context),
            PluginDisableCommand.Create(context),
            PluginIsolateCommand.Create(context),
            PluginReloadCommand.Create(context),
            PluginTestCommand.Create(context),
        };
}
