namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>
/// Merges the plugins found on disk with the server's <c>GET /plugins</c> answer, when there is one.
/// What changed on disk since the server loaded it (installed, uninstalled, replaced, enabled or
/// disabled) shows as such, never as the stale <c>loaded</c>.
/// </summary>
public static class PluginOverview
{
    /// <param name="installed">Entry points read from metadata.</param>
    /// <param name="server">The server's plugins, or null when it does not run.</param>
    /// <param name="linkedFolders">Folders linked with <c>cao plugin install --link</c>.</param>
    public static IReadOnlyList<PluginRow> Merge(IReadOnlyList<InstalledPlugin> installed, IReadOnlyList<PluginInfo>? server, IReadOnlyCollection<string>? linkedFolders = null)
    {
        var rows = new List<PluginRow>();
        bool IsLinked(string folder) => linkedFolders?.Any(l => PluginLinks.SameFolder(l, folder)) ?? false;
        foreach (var plugin in installed)
        {
            var seen = server?.FirstOrDefault(s => s.Name == plugin.Name && SameFolder(s.Source, plugin.Folder));
            var (state, status, pending) = (server, seen) switch
            {
                (null, _) => plugin.Enabled ? ("enabled", "enabled", false) : ("disabled", "disabled", false),
                (_, null) => ("not_loaded", "pending restart", true),
                _ => Compare(plugin, seen),
            };
            // The server binds hooks only for plugins it created; a disabled one still shows its declared hooks.
            var hooks = seen is { Hooks.Count: > 0 } ? seen.Hooks : plugin.Hooks;
            rows.Add(new PluginRow(plugin.Name, plugin.Version, plugin.Folder, status, seen?.Error, hooks, seen, state, pending, IsLinked(plugin.Folder)));
        }
        // Plugins the server runs that are not on disk (any more): built-ins, or uninstalled since it started.
        foreach (var info in server ?? [])
        {
            if (installed.Any(p => p.Name == info.Name && SameFolder(info.Source, p.Folder)))
                continue;
            var builtIn = info.Source == PluginHost.BuiltInSource;
            rows.Add(builtIn
                ? new PluginRow(info.Name, info.Version, info.Source, StatusText(info.Status), info.Error, info.Hooks, info, StatusText(info.Status), false, false)
                : new PluginRow(info.Name, info.Version, info.Source, "removed (restart to apply)", info.Error, info.Hooks, info, "removed", true, false));
        }
        return rows;
    }

    private static (string State, string Status, bool Pending) Compare(InstalledPlugin plugin, PluginInfo seen)
    {
        var running = seen.Status is PluginStatus.Loaded or PluginStatus.Faulted;
        if (running && !plugin.Enabled)
            return ("disabled", "disabled (restart to apply)", true);
        if (seen.Status == PluginStatus.Disabled && plugin.Enabled)
            return ("enabled", "enabled (restart to apply)", true);
        if (running && seen.Version is not null && plugin.Version is not null && seen.Version != plugin.Version)
            return ("replaced", $"pending restart (version {plugin.Version} installed, {seen.Version} loaded)", true);
        var status = StatusText(seen.Status);
        return (status, status, false);
    }

    private static string StatusText(PluginStatus status) => status.ToString().ToLowerInvariant();

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);
}
