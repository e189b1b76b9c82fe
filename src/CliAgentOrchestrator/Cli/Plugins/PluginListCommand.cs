using System.CommandLine;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin list</c>: installed plugins, merged with the running server's statuses and counters.</summary>
public static class PluginListCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("list", "List installed plugins; with a running server, their status and event counters");
        command.SetAction((parse, cancellationToken) => UserErrors.RunAsync(environment, async () =>
        {
            var context = new PluginCommandContext(environment);
            var server = await ServerPlugins.TryGetAsync(environment.ServerAddress, cancellationToken);
            var rows = PluginOverview.Merge(context.Installed, server);
            environment.Out.MarkupLine(UserErrors.Safe(ServerPlugins.Describe(environment.ServerAddress, server is not null)));
            if (rows.Count == 0)
            {
                environment.Out.MarkupLine($"No plugins installed in {UserErrors.Safe(string.Join(", ", context.Roots))}; install one with [bold]cao plugin install <project>[/]");
                return 0;
            }
            var table = new Table().AddColumns("name", "version", "status", "hooks", "delivered", "failed", "dropped", "folder");
            foreach (var row in rows)
            {
                table.AddRow(
                    UserErrors.Safe(row.Name),
                    UserErrors.Safe(row.Version),
                    UserErrors.Safe(row.Error is null ? row.Status : $"{row.Status}: {row.Error}"),
                    row.Hooks.Count.ToString(),
                    row.Server?.Delivered.ToString() ?? "-",
                    row.Server?.Failed.ToString() ?? "-",
                    row.Server?.Dropped.ToString() ?? "-",
                    UserErrors.Safe(row.Folder));
            }
            environment.Out.Write(table);
            return 0;
        }));
        return command;
    }
}
