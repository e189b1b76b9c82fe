using System.Globalization;

namespace CliAgentOrchestrator.Core.PluginHosting;

// Where a plugin runs and how much memory its child may use: plain per-plugin settings, so
// settings.json, CAO_PLUGIN_<NAME>_ISOLATION and `cao plugin isolate` all reach them the same way.
public sealed partial class PluginSettings
{
    /// <summary>The setting that chooses where a plugin runs: <c>inprocess</c> (default) or <c>process</c>.</summary>
    public const string IsolationKey = "isolation";

    /// <summary>The setting that caps an isolated plugin's managed heap, in MB (<c>0</c> = no cap).</summary>
    public const string MemoryLimitKey = "memory_limit_mb";

    /// <summary>The memory cap of an isolated plugin when its settings name none.</summary>
    public const int DefaultMemoryLimitMb = 512;

    /// <summary>
    /// Where plugin <paramref name="pluginName"/> runs, or a one-line problem when the setting holds
    /// something else (the plugin then fails to load with that reason rather than silently running in-process).
    /// </summary>
    public (PluginIsolation Isolation, string? Problem) IsolationOf(string pluginName)
    {
        if (!For(pluginName).TryGetValue(IsolationKey, out var value) || string.IsNullOrWhiteSpace(value))
            return (PluginIsolation.InProcess, null);
        return PluginIsolations.TryParse(value, out var isolation)
            ? (isolation, null)
            : (PluginIsolation.InProcess, $"plugins.{pluginName}.{IsolationKey} is '{value.Trim()}'; use \"process\" or \"inprocess\"");
    }

    /// <summary>The memory cap in MB of isolated plugin <paramref name="pluginName"/> (0 = none), or a problem with the setting.</summary>
    public (int LimitMb, string? Problem) MemoryLimitOf(string pluginName)
    {
        if (!For(pluginName).TryGetValue(MemoryLimitKey, out var value) || string.IsNullOrWhiteSpace(value))
            return (DefaultMemoryLimitMb, null);
        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var mb)
            ? (mb, null)
            : (DefaultMemoryLimitMb, $"plugins.{pluginName}.{MemoryLimitKey} is '{value.Trim()}'; use a whole number of megabytes (0 for no cap)");
    }

    /// <summary>Settings holding only <paramref name="settings"/> for <paramref name="pluginName"/>: what an isolated plugin's child is handed.</summary>
    internal static PluginSettings Of(string pluginName, IReadOnlyDictionary<string, string> settings) =>
        new(new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal)
        {
            [pluginName] = new(settings, StringComparer.OrdinalIgnoreCase),
        }, new Dictionary<string, string>());
}
