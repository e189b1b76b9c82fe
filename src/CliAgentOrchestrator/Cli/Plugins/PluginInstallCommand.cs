using System.CommandLine;
using CliAgentOrchestrator.Core.PluginHosting.Installation;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin install &lt;dir|.csproj|.nupkg&gt; [--force]</c>: into <c>$CAO_HOME_DIR/plugins/&lt;assembly&gt;/</c>.</summary>
public static class PluginInstallCommand
{
    public static Command Create(CliContext context)
    {
        var source = new Argument<string>("source") { Description = "Plugin project folder, its .csproj, a publish folder, or a .nupkg" };
        var force = new Option<bool>("--force") { Description = "Replace an earlier install of the same plugin" };
        var command = new Command("install", "Publish or unpack a plugin into its own folder under $CAO_HOME_DIR/plugins") { source, force };
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            var plugins = new LocalPlugins(context);
            // Projects from `cao plugin new` restore the SDK from the feed under the CAO home: make sure it holds this cao's package.
            PluginSdkPackage.Bundled()?.EnsureInFeed(context.Home);
            // Progress on stderr like every other command's, so stdout keeps only the result.
            var result = await console.StatusAsync("Installing…", async update =>
            {
                var progress = new Progress<string>(line => update(line.Length > 100 ? line[..100] + "…" : line));
                return await plugins.Installer.InstallAsync(parse.GetValue(source)!, parse.GetValue(force), progress, cancellationToken);
            });
            console.Markup.MarkupLine($"Installed [bold]{CliConsole.Safe(string.Join(", ", result.EntryPoints))}[/] into {CliConsole.Safe(result.Folder)}{(result.Replaced ? " (replaced the earlier install)" : "")}");
            console.Markup.MarkupLine($"Restart the server ([bold]cao server[/]) to load it; its log will say [bold]Loaded CAO plugin: {CliConsole.Safe(result.EntryPoints[0])}[/].");
            return 0;
        });
        return command;
    }
}
