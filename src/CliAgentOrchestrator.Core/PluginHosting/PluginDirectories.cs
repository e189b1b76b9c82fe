namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// Where installed plugins live: <c>$CAO_HOME_DIR/plugins/</c> and each folder listed in
/// <c>CAO_PLUGIN_PATH</c> (separated like PATH). Every sub-folder of these holds one installed
/// plugin: its publish output.
/// </summary>
public static class PluginDirectories
{
    /// <summary>The plugin roots for a CAO home, in search order, without duplicates.</summary>
    public static IReadOnlyList<string> Resolve(string homeDirectory, string? pluginPath)
    {
        var roots = new List<string> { Path.Combine(homeDirectory, "plugins") };
        if (!string.IsNullOrWhiteSpace(pluginPath))
            roots.AddRange(pluginPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return roots.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }
}
