using System.CommandLine;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin enable &lt;name&gt;</c>: writes <c>plugins.&lt;name&gt;.enabled: true</c> into settings.json.</summary>
public static class PluginEnableCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The plugin's entry-point name" };
        var command = new Command("enable", "Enable a plugin at the next server start (plugins.<name>.enabled in settings.json)") { name };
        CliAction.Set(command, context, (parse, console) =>
        {
            var plugins = new LocalPlugins(context);
            var plugin = parse.GetValue(name)!;
            if (!plugins.Installed.Any(p => p.Name == plugin))
                throw new InstallationException($"No plugin named '{plugin}' is installed; `cao plugin list` shows the installed ones");
            PluginEnablement.Set(context.Home.SettingsFile, plugin, enabled: true);
            console.Markup.MarkupLine($"Plugin [bold]{CliConsole.Safe(plugin)}[/] enabled in {CliConsole.Safe(context.Home.SettingsFile)}; restart the server for it to take effect.");
            return 0;
        });
        return command;
    }
}
