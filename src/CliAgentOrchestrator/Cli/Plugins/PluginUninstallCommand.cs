using System.CommandLine;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin uninstall &lt;name&gt;</c>: removes the folder that holds that entry point.</summary>
public static class PluginUninstallCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The plugin's entry-point name (as `cao plugin list` shows it)" };
        var command = new Command("uninstall", "Remove an installed plugin's folder") { name };
        CliAction.Set(command, context, (parse, console) =>
        {
            var folder = new LocalPlugins(context).Installer.Uninstall(parse.GetValue(name)!);
            console.Markup.MarkupLine($"Removed {CliConsole.Safe(folder)}; restart the server to unload it.");
            return 0;
        });
        return command;
    }
}
