using System.CommandLine;
using Spectre.Console;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin install &lt;dir|.csproj|.nupkg&gt; [--force]</c>: into <c>$CAO_HOME_DIR/plugins/&lt;assembly&gt;/</c>.</summary>
public static class PluginInstallCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var source = new Argument<string>("source") { Description = "Plugin project folder, its .csproj, a publish folder, or a .nupkg" };
        var force = new Option<bool>("--force") { Description = "Replace an earlier install of the same plugin" };
        var command = new Command("install", "Publish or unpack a plugin into its own folder under $CAO_HOME_DIR/plugins") { source, force };
        command.SetAction((parse, cancellationToken) => UserErrors.RunAsync(environment, async () =>
        {
            var context = new PluginCommandContext(environment);
            var result = await environment.Out.Status().StartAsync("Installing…", async status =>
            {
                var progress = new Progress<string>(line => status.Status(UserErrors.Safe(line.Length > 100 ? line[..100] + "…" : line)));
                return await context.Installer.InstallAsync(parse.GetValue(source)!, parse.GetValue(force), progress, cancellationToken);
            });
            environment.Out.MarkupLine($"Installed [bold]{UserErrors.Safe(string.Join(", ", result.EntryPoints))}[/] into {UserErrors.Safe(result.Folder)}{(result.Replaced ? " (replaced the earlier install)" : "")}");
            environment.Out.MarkupLine($"Restart the server ([bold]cao server[/]) to load it; its log will say [bold]Loaded CAO plugin: {UserErrors.Safe(result.EntryPoints[0])}[/].");
            return 0;
        }));
        return command;
    }
}
