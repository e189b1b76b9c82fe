using System.CommandLine;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin list [--json]</c>: installed and linked plugins, merged with the running server's statuses and counters.</summary>
public static class PluginListCommand
{
    public static Command Create(CliContext context)
    {
        var json = JsonOption.Create();
        var command = new Command("list", "List installed plugins; with a running server, their status and event counters") { json };
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            var plugins = new LocalPlugins(context);
            var server = await ServerPlugins.TryGetAsync(context, cancellationToken);
            var rows = plugins.Overview(server);
            if (parse.GetValue(json))
            {
                console.WriteJson(rows.Select(PluginView.From));
                return 0;
            }
            // Where the statuses come from is context, not result: stderr, so `| cut -f1` sees only plugins.
            console.Error.WriteLine(ServerPlugins.Describe(context.ServerUrl, server is not null));
            if (rows.Count == 0)
            {
                console.Error.WriteLine($"No plugins installed in {string.Join(", ", plugins.Roots)}; install one with `cao plugin install <project>`");
                return 0;
            }
            console.WriteTable(["NAME", "VERSION", "STATUS", "ISOLATION", "HOOKS", "DELIVERED", "FAILED", "DROPPED", "FOLDER"],
                rows.Select(row => (IReadOnlyList<string>)[
                    row.Name,
                    row.Version ?? "-",
                    row.Error is null ? row.Status : $"{row.Status}: {row.Error}",
                    Isolation(row.Server),
                    row.Hooks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    row.Server?.Delivered.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                    row.Server?.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                    row.Server?.Dropped.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                    row.Linked ? $"{row.Folder} (linked)" : row.Folder,
                ]));
            return 0;
        });
        return command;
    }

    // "process (pid 4242, 1 restart: <reason>)" for an isolated plugin, so a crash loop shows in the list.
    private static string Isolation(Core.PluginHosting.PluginInfo? server)
    {
        if (server is null)
            return "-";
        if (server.Isolation != Core.PluginHosting.PluginIsolation.Process)
            return "inprocess";
        var details = new List<string> { server.Pid is { } pid ? $"pid {pid}" : "not running" };
        if (server.Restarts > 0)
            details.Add($"{server.Restarts} restart{(server.Restarts == 1 ? "" : "s")}");
        var text = $"process ({string.Join(", ", details)})";
        return server.LastCrashReason is { } reason ? $"{text}; last crash: {reason}" : text;
    }
}
