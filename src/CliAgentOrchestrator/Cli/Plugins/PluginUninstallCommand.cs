using System.CommandLine;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary><c>cao plugin uninstall &lt;name&gt;</c>: removes the folder that holds that entry point, or the link to it.</summary>
public static class PluginUninstallCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The plugin's entry-point name (as `cao plugin list` shows it)" };
        var command = new Command("uninstall", "Remove an installed plugin's folder, or a linked plugin's link (its build output stays)") { name };
        CliAction.Set(command, context, (parse, console) =>
        {
            var plugins = new LocalPlugins(context);
            var plugin = parse.GetValue(name)!;
            var linked = plugins.Installed.FirstOrDefault(p => p.Name == plugin) is { } found && plugins.LinkedFolders.Contains(found.Folder);
            var folder = plugins.Installer.Uninstall(plugin);
            console.Out.WriteLine(linked ? $"Unlinked {folder} (the folder itself stays)." : $"Removed {folder}.");
            console.Error.WriteLine($"The running server keeps it until `cao plugin reload {plugin}` or a restart; `cao plugin list` shows it as removed meanwhile.");
            return 0;
        });
        return command;
    }
}
