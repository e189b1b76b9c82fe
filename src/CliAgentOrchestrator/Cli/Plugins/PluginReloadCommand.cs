using System.CommandLine;
using System.Text.Json;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.Installation;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary>
/// <c>cao plugin reload &lt;name&gt; [--no-build] [--json]</c>: builds a linked project, then has the running
/// server tear the plugin down, unload it and load the new build (<c>POST /plugins/{name}/reload</c>).
/// </summary>
public static class PluginReloadCommand
{
    // Teardown (10 s) and setup (30 s) timeouts, plus a stuck hook finishing (30 s): the server answers within these.
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(90);

    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The plugin's entry-point name" };
        var noBuild = new Option<bool>("--no-build") { Description = "Do not run dotnet build first for a plugin linked from its project" };
        var json = JsonOption.Create();
        var command = new Command("reload", "Load a plugin's new build into the running server without a restart (events wait meanwhile)") { name, noBuild, json };
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            var plugin = parse.GetValue(name)!;
            var plugins = new LocalPlugins(context);
            var installed = plugins.Installed.FirstOrDefault(p => p.Name == plugin);
            if (!parse.GetValue(noBuild) && installed is not null && plugins.Links.Find(installed.Folder) is { Project: { } project })
            {
                await console.StatusAsync($"Building {Path.GetFileName(project)}…", async update =>
                {
                    var progress = new Progress<string>(line => update(line.Length > 100 ? line[..100] + "…" : line));
                    await DotnetBuilder.BuildAsync(project, progress, cancellationToken);
                });
                console.Error.WriteLine($"Built {project}");
            }

            using var client = context.CreateClient(ReloadTimeout);
            var answer = await client.PostAsync($"/plugins/{Uri.EscapeDataString(plugin)}/reload", null, ReloadTimeout, cancellationToken);
            if (answer is null)
                throw new CliUserException($"cao-server at {context.ServerUrl} gave no answer to the reload of '{plugin}'");
            var result = new PluginReloadResult(
                answer["folder"]?.GetValue<string>() ?? "",
                answer["unloaded"]?.Deserialize<List<string>>() ?? [],
                answer["plugins"]?.Deserialize<List<PluginInfo>>() ?? [],
                OldContext: null);
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(answer.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return Failed(result) ? 1 : 0;
            }
            if (result.Plugins.Count == 0)
            {
                console.Out.WriteLine($"Unloaded {string.Join(", ", result.Unloaded)}: {result.Folder} no longer holds it.");
                return 0;
            }
            foreach (var loaded in result.Plugins)
            {
                var status = loaded.Status.ToString().ToLowerInvariant();
                console.Out.WriteLine(loaded.Error is null
                    ? $"Reloaded {loaded.Name} {loaded.Version} from {result.Folder}: {status}, {loaded.Hooks.Count + loaded.PreHooks.Count} hooks, {loaded.Queued} events waiting"
                    : $"Reloaded {loaded.Name} from {result.Folder}: {status}: {loaded.Error}");
            }
            if (Failed(result))
            {
                console.Fail($"The new build of '{plugin}' did not load; its events wait in its queue. Fix it and run `cao plugin reload {plugin}` again");
                return 1;
            }
            return 0;
        });
        return command;
    }

    private static bool Failed(PluginReloadResult result) => result.Plugins.Any(p => p.Status == PluginStatus.Failed);
}
