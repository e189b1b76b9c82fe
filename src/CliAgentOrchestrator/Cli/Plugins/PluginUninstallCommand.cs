using System.CommandLine;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin uninstall &lt;name&gt;</c>: removes the folder that holds that entry point.</summary>
public static class PluginUninstallCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The plugin's entry-point name (as `cao plugin list` shows it)" };
        var command = new Command("uninstall", "Remove an installed plugin's folder") { name };
        command.SetAction(parse => UserErrors.Run(() =>
        {
            var folder = new PluginCommandContext().Installer.Uninstall(parse.GetValue(name)!);
            AnsiConsole.MarkupLine($"Removed {UserErrors.Safe(folder)}; restart the server to unload it.");
            return 0;
        }));
        return command;
    }
}
