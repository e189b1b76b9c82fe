using System.CommandLine;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary>
/// <c>cao plugin install &lt;dir|.csproj|.nupkg&gt; [--force]</c>: into <c>$CAO_HOME_DIR/plugins/&lt;assembly&gt;/</c>;
/// <c>--link</c>: load the build output in place instead (the dev loop, see docs/plugins.md).
/// </summary>
public static class PluginInstallCommand
{
    public static Command Create(CliContext context)
    {
        var source = new Argument<string>("source") { Description = "Plugin project folder, its .csproj, a publish or build folder, or a .nupkg" };
        var force = new Option<bool>("--force") { Description = "Replace an earlier install of the same plugin" };
        var link = new Option<bool>("--link") { Description = "Load the plugin from its build output (a project is built once with dotnet build); no copy, `cao plugin reload` picks up each new build" };
        var command = new Command("install", "Publish or unpack a plugin into its own folder under $CAO_HOME_DIR/plugins, or link its build output") { source, force, link };
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            var plugins = new LocalPlugins(context);
            // Projects from `cao plugin new` restore the SDK from the feed under the CAO home: make sure it holds this cao's package.
            PluginSdkPackage.Bundled()?.EnsureInFeed(context.Home);
            var linking = parse.GetValue(link);
            if (linking && parse.GetValue(force))
                throw new CliUserException("--link and --force do not go together: linking again just updates the link");
            // Progress on stderr like every other command's, so stdout keeps only the result.
            var result = await console.StatusAsync(linking ? "Linking…" : "Installing…", async update =>
            {
                var progress = new Progress<string>(line => update(line.Length > 100 ? line[..100] + "…" : line));
                return linking
                    ? await plugins.Installer.LinkAsync(parse.GetValue(source)!, progress, cancellationToken)
                    : await plugins.Installer.InstallAsync(parse.GetValue(source)!, parse.GetValue(force), progress, cancellationToken);
            });
            var names = result.EntryPoints.Count > 0 ? string.Join(", ", result.EntryPoints) : Path.GetFileName(result.Folder);
            if (linking)
                console.Markup.MarkupLine($"Linked [bold]{CliConsole.Safe(names)}[/] to {CliConsole.Safe(result.Folder)}{(result.Replaced ? " (the link was already there)" : "")}");
            else
                console.Markup.MarkupLine($"Installed [bold]{CliConsole.Safe(names)}[/] into {CliConsole.Safe(result.Folder)}{(result.Replaced ? " (replaced the earlier install)" : "")}");
            if (result.EntryPoints.Count > 0)
                console.Error.WriteLine($"Load it into the running server with `cao plugin reload {result.EntryPoints[0]}` (or restart it); its log will say `Loaded CAO plugin: {result.EntryPoints[0]}`.");
            else
                console.Error.WriteLine("It adds providers only: restart the server to register them (see GET /agents/providers).");
            return 0;
        });
        return command;
    }
}
