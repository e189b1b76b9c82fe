namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>Merges the plugins found on disk with the server's <c>GET /plugins</c> answer, when there is one.</summary>
public static class PluginOverview
{
    /// <param name="installed">Entry points read from metadata.</param>
    /// <param name="server">The server's plugins, or null when it does not run.</param>
    public static IReadOnlyList<PluginRow> Merge(IReadOnlyList<InstalledPlugin> installed, IReadOnlyList<PluginInfo>? server)
    {
        var rows = new List<PluginRow>();
        foreach (var plugin in installed)
        {
            var seen = server?.FirstOrDefault(s => s.Name == plugin.Name && SameFolder(s.Source, plugin.Folder));
            var status = (server, seen) switch
            {
                (null, _) => plugin.Enabled ? "enabled" : "disabled",
                (_, null) => "not loaded (installed after the server started; restart it)",
                _ => StatusText(seen.Status),
            };
            // The server binds hooks only for plugins it created; a disabled one still shows its declared hooks.
            var hooks = seen is { Hooks.Count: > 0 } ? seen.Hooks : plugin.Hooks;
            rows.Add(new PluginRow(plugin.Name, plugin.Version, plugin.Folder, status, seen?.Error, hooks, seen));
        }
        // Plugins the server runs that are not on disk (any more): built-ins, or uninstalled since it started.
        foreach (var info in server ?? [])
        {
            if (!installed.Any(p => p.Name == info.Name && SameFolder(info.Source, p.Folder)))
                rows.Add(new PluginRow(info.Name, info.Version, info.Source, StatusText(info.Status), info.Error, info.Hooks, info));
        }
        return rows;
    }

    private static string StatusText(PluginStatus status) => status.ToString().ToLowerInvariant();

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);
}
