using System.CommandLine;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin isolate &lt;name&gt; process|inprocess</c>: writes <c>plugins.&lt;name&gt;.isolation</c> into settings.json.</summary>
public static class PluginIsolateCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The plugin's entry-point name" };
        var mode = new Argument<string>("isolation") { Description = "process (a supervised child process of its own) or inprocess (the default)" };
        mode.AcceptOnlyFromAmong("process", "inprocess");
        var command = new Command("isolate", "Run a plugin in a supervised process of its own, or back in the server, from the next start (plugins.<name>.isolation)") { name, mode };
        CliAction.Set(command, context, (parse, console) =>
        {
            var plugins = new LocalPlugins(context);
            var plugin = parse.GetValue(name)!;
            if (!plugins.Installed.Any(p => p.Name == plugin))
                throw new InstallationException($"No plugin named '{plugin}' is installed; `cao plugin list` shows the installed ones");
            PluginIsolations.TryParse(parse.GetValue(mode)!, out var isolation);
            PluginEnablement.SetIsolation(context.Home.SettingsFile, plugin, isolation);
            var where = isolation == PluginIsolation.Process ? "in a process of its own" : "in the server's process";
            console.Markup.MarkupLine($"Plugin [bold]{CliConsole.Safe(plugin)}[/] will run {where} ({CliConsole.Safe(context.Home.SettingsFile)}); restart the server or run `cao plugin reload {CliConsole.Safe(plugin)}` for it to take effect.");
            return 0;
        });
        return command;
    }
}
