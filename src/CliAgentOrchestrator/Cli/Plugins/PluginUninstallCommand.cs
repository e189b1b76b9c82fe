using System.CommandLine;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin uninstall &lt;name&gt;</c>: removes the folder that holds that entry point.</summary>
public static class PluginUninstallCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The plugin's entry-point name (as `cao plugin list` shows it)" };
        var command = new Command("uninstall", "Remove an installed plugin's folder") { name };
        command.SetAction(parse => UserErrors.Run(environment, () =>
        {
            var folder = new PluginCommandContext(environment).Installer.Uninstall(parse.GetValue(name)!);
            environment.Out.MarkupLine($"Removed {UserErrors.Safe(folder)}; restart the server to unload it.");
            return 0;
        }));
        return command;
    }
}
