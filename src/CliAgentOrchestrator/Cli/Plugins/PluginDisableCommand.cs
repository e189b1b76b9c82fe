using System.CommandLine;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin disable &lt;name&gt;</c>: writes <c>plugins.&lt;name&gt;.enabled: false</c> into settings.json.</summary>
public static class PluginDisableCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The plugin's entry-point name" };
        var command = new Command("disable", "Disable a plugin at the next server start (plugins.<name>.enabled in settings.json)") { name };
        command.SetAction(parse => UserErrors.Run(environment, () =>
        {
            var context = new PluginCommandContext(environment);
            var plugin = parse.GetValue(name)!;
            if (!context.Installed.Any(p => p.Name == plugin))
                throw new InstallationException($"No plugin named '{plugin}' is installed; `cao plugin list` shows the installed ones");
            PluginEnablement.Set(context.Home.SettingsFile, plugin, enabled: false);
            environment.Out.MarkupLine($"Plugin [bold]{UserErrors.Safe(plugin)}[/] disabled in {UserErrors.Safe(context.Home.SettingsFile)}; restart the server for it to take effect.");
            return 0;
        }));
        return command;
    }
}
