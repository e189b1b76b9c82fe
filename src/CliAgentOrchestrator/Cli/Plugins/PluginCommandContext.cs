using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.Installation;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary>The CAO home, plugin roots and settings every <c>cao plugin</c> command works on.</summary>
internal sealed class PluginCommandContext(CliEnvironment environment)
{
    private readonly IConfiguration _configuration = CaoConfiguration.Build(environment.Variables);

    public CaoHome Home => CaoHome.FromConfiguration(_configuration);

    public string? PluginPath => _configuration.Bind<PluginHostOptions>(PluginHostOptions.Section).PluginPath;

    public IReadOnlyList<string> Roots => PluginDirectories.Resolve(Home.Root, PluginPath);

    public PluginInstaller Installer => new(Home.Root, PluginPath);

    // Read again on each use: enable/disable write settings.json while the command runs.
    public PluginSettings Settings => PluginSettings.From(CaoConfiguration.Build(environment.Variables));

    public IReadOnlyList<InstalledPlugin> Installed => InstalledPlugins.List(Roots, Settings);
}
