using System.CommandLine;
using CliAgentOrchestrator.Core.PluginHosting.Installation;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin info &lt;name&gt; [--json]</c>: one plugin in detail: folder, status, hooks, counters.</summary>
public static class PluginInfoCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The plugin's entry-point name" };
        var json = JsonOption.Create();
        var command = new Command("info", "Show one plugin: version, folder, status, hooks and event counters") { name, json };
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            var plugins = new LocalPlugins(context);
            var server = await ServerPlugins.TryGetAsync(context, cancellationToken);
            var wanted = parse.GetValue(name)!;
            var row = plugins.Overview(server).FirstOrDefault(r => r.Name == wanted)
                ?? throw new InstallationException($"No plugin named '{wanted}' is installed; `cao plugin list` shows the installed ones");
            if (parse.GetValue(json))
            {
                console.WriteJson(PluginView.From(row));
                return 0;
            }
            console.Error.WriteLine(ServerPlugins.Describe(context.ServerUrl, server is not null));
            var lines = new List<(string, string)>
            {
                ("name", row.Name),
                ("version", row.Version ?? "-"),
                ("folder", row.Linked ? $"{row.Folder} (linked)" : row.Folder),
                ("status", row.Error is null ? row.Status : $"{row.Status}: {row.Error}"),
                ("hooks", row.Hooks.Count == 0 ? "none" : string.Join("\n", row.Hooks)),
            };
            if (row.Server is { } info)
            {
                if (info.PreHooks.Count > 0)
                    lines.Add(("pre-hooks", string.Join("\n", info.PreHooks)));
                if (info.RefusedHooks.Count > 0)
                    lines.Add(("refused hooks", string.Join("\n", info.RefusedHooks)));
                lines.Add(("events", $"delivered {info.Delivered}, hook failures {info.Failed}, dropped {info.Dropped}, queued {info.Queued}"));
            }
            // One "key  value" line per value; a key with several values repeats its name, so grep finds each.
            var width = lines.Max(l => l.Item1.Length) + 2;
            foreach (var (key, value) in lines)
            {
                foreach (var part in value.Split('\n'))
                    console.Out.WriteLine(key.PadRight(width) + part);
            }
            return 0;
        });
        return command;
    }
}
