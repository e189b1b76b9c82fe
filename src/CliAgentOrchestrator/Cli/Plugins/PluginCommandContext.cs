using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.Installation;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary>The CAO home, plugin roots and settings every <c>cao plugin</c> command works on.</summary>
internal sealed class PluginCommandContext(CliEnvironment environment)
{
    public CaoHome Home { get; } = CaoHome.FromEnvironment(environment.Variable);

    public string? PluginPath { get; } = environment.Variable("CAO_PLUGIN_PATH");

    public IReadOnlyList<string> Roots => PluginDirectories.Resolve(Home.Root, PluginPath);

    public PluginInstaller Installer => new(Home.Root, PluginPath);

    public PluginSettings Settings => PluginSettings.Load(Home.SettingsFile, environment.Variables);

    public IReadOnlyList<InstalledPlugin> Installed => InstalledPlugins.List(Roots, Settings);
}
