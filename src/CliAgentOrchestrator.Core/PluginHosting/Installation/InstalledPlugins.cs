namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>What is installed, read from the plugin roots' metadata; works whether or not the server runs.</summary>
public static class InstalledPlugins
{
    /// <summary>Every entry point in every plugin folder under <paramref name="roots"/>, then in each linked folder, in load order.</summary>
    public static IReadOnlyList<InstalledPlugin> List(IEnumerable<string> roots, PluginSettings settings, IEnumerable<string>? linkedFolders = null) =>
        roots.Where(Directory.Exists)
            .SelectMany(root => Directory.GetDirectories(root).Order(StringComparer.Ordinal))
            .Concat((linkedFolders ?? []).Where(Directory.Exists))
            .SelectMany(folder => PluginDiscovery.ReadFolder(folder).SelectMany(assembly => assembly.EntryPoints.Select(name =>
                new InstalledPlugin(name, assembly.Version, folder, assembly.Path, assembly.Hooks[name], !settings.IsDisabled(name)))))
            .ToList();
}
