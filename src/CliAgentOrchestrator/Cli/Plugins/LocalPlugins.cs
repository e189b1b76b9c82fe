using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.Installation;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary>
/// The plugins on this machine as the <c>cao plugin</c> commands see them: the folders searched
/// (<c>$CAO_HOME_DIR/plugins</c> and <c>CAO_PLUGIN_PATH</c>), the linked build outputs, the installer
/// and the settings, all derived from the one <see cref="CliContext"/> so a test's home and environment apply here too.
/// </summary>
internal sealed class LocalPlugins(CliContext context)
{
    private string? PluginPath => context.PluginPath;

    public IReadOnlyList<string> Roots => PluginDirectories.Resolve(context.Home.Root, PluginPath);

    public PluginInstaller Installer => new(context.Home.Root, PluginPath);

    public PluginLinks Links => new(context.Home.Root);

    public PluginSettings Settings => PluginSettings.Load(context.Home.SettingsFile, context.Environment);

    public IReadOnlyList<string> LinkedFolders => Links.Read().Select(l => l.Folder).ToList();

    public IReadOnlyList<InstalledPlugin> Installed => InstalledPlugins.List(Roots, Settings, LinkedFolders);

    /// <summary>What is installed merged with what <paramref name="server"/> (null: not running) reports.</summary>
    public IReadOnlyList<PluginRow> Overview(IReadOnlyList<PluginInfo>? server) => PluginOverview.Merge(Installed, server, LinkedFolders);
}
