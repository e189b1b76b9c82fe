using System.CommandLine;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin list</c>: installed plugins, merged with the running server's statuses and counters.</summary>
public static class PluginListCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List installed plugins; with a running server, their status and event counters");
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            var plugins = new LocalPlugins(context);
            var server = await ServerPlugins.TryGetAsync(context, cancellationToken);
            var rows = PluginOverview.Merge(plugins.Installed, server);
            console.Markup.MarkupLine(CliConsole.Safe(ServerPlugins.Describe(context.ServerUrl, server is not null)));
            if (rows.Count == 0)
            {
                console.Markup.MarkupLine($"No plugins installed in {CliConsole.Safe(string.Join(", ", plugins.Roots))}; install one with [bold]cao plugin install <project>[/]");
                return 0;
            }
            var table = new Table().AddColumns("name", "version", "status", "hooks", "delivered", "failed", "dropped", "folder");
            foreach (var row in rows)
            {
                table.AddRow(
                    CliConsole.Safe(row.Name),
                    CliConsole.Safe(row.Version),
                    CliConsole.Safe(row.Error is null ? row.Status : $"{row.Status}: {row.Error}"),
                    row.Hooks.Count.ToString(),
                    row.Server?.Delivered.ToString() ?? "-",
                    row.Server?.Failed.ToString() ?? "-",
                    row.Server?.Dropped.ToString() ?? "-",
                    CliConsole.Safe(row.Folder));
            }
            console.Markup.Write(table);
            return 0;
        });
        return command;
    }
}
