using System.CommandLine;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin info &lt;name&gt;</c>: one plugin in detail: folder, status, hooks, counters.</summary>
public static class PluginInfoCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The plugin's entry-point name" };
        var command = new Command("info", "Show one plugin: version, folder, status, hooks and event counters") { name };
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            var plugins = new LocalPlugins(context);
            var server = await ServerPlugins.TryGetAsync(context, cancellationToken);
            var wanted = parse.GetValue(name)!;
            var row = PluginOverview.Merge(plugins.Installed, server).FirstOrDefault(r => r.Name == wanted)
                ?? throw new InstallationException($"No plugin named '{wanted}' is installed; `cao plugin list` shows the installed ones");
            console.Markup.MarkupLine(CliConsole.Safe(ServerPlugins.Describe(context.ServerUrl, server is not null)));
            var grid = new Grid().AddColumns(2);
            grid.AddRow("name", CliConsole.Safe(row.Name));
            grid.AddRow("version", CliConsole.Safe(row.Version ?? "-"));
            grid.AddRow("folder", CliConsole.Safe(row.Folder));
            grid.AddRow("status", CliConsole.Safe(row.Error is null ? row.Status : $"{row.Status}: {row.Error}"));
            grid.AddRow("hooks", CliConsole.Safe(row.Hooks.Count == 0 ? "none" : string.Join("\n", row.Hooks)));
            if (row.Server is { } info)
            {
                if (info.RefusedHooks.Count > 0)
                    grid.AddRow("refused hooks", CliConsole.Safe(string.Join("\n", info.RefusedHooks)));
                grid.AddRow("events", $"delivered {info.Delivered}, hook failures {info.Failed}, dropped {info.Dropped}, queued {info.Queued}");
            }
            console.Markup.Write(grid);
            return 0;
        });
        return command;
    }
}
