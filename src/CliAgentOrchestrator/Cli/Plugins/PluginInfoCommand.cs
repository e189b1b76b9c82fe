using System.CommandLine;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin info &lt;name&gt;</c>: one plugin in detail: folder, status, hooks, counters.</summary>
public static class PluginInfoCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The plugin's entry-point name" };
        var command = new Command("info", "Show one plugin: version, folder, status, hooks and event counters") { name };
        command.SetAction((parse, cancellationToken) => UserErrors.RunAsync(environment, async () =>
        {
            var context = new PluginCommandContext(environment);
            var server = await ServerPlugins.TryGetAsync(environment.ServerAddress, cancellationToken);
            var wanted = parse.GetValue(name)!;
            var row = PluginOverview.Merge(context.Installed, server).FirstOrDefault(r => r.Name == wanted)
                ?? throw new InstallationException($"No plugin named '{wanted}' is installed; `cao plugin list` shows the installed ones");
            environment.Out.MarkupLine(UserErrors.Safe(ServerPlugins.Describe(environment.ServerAddress, server is not null)));
            var grid = new Grid().AddColumns(2);
            grid.AddRow("name", UserErrors.Safe(row.Name));
            grid.AddRow("version", UserErrors.Safe(row.Version ?? "-"));
            grid.AddRow("folder", UserErrors.Safe(row.Folder));
            grid.AddRow("status", UserErrors.Safe(row.Error is null ? row.Status : $"{row.Status}: {row.Error}"));
            grid.AddRow("hooks", UserErrors.Safe(row.Hooks.Count == 0 ? "none" : string.Join("\n", row.Hooks)));
            if (row.Server is { } info)
            {
                if (info.RefusedHooks.Count > 0)
                    grid.AddRow("refused hooks", UserErrors.Safe(string.Join("\n", info.RefusedHooks)));
                grid.AddRow("events", $"delivered {info.Delivered}, hook failures {info.Failed}, dropped {info.Dropped}, queued {info.Queued}");
            }
            environment.Out.Write(grid);
            return 0;
        }));
        return command;
    }
}
