using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>What a reload did to one plugin folder.</summary>
/// <param name="Folder">The folder that was reloaded.</param>
/// <param name="Unloaded">The plugins torn down and unloaded, in teardown order.</param>
/// <param name="Plugins">The folder's plugins now, with their status (a failed setup shows here).</param>
/// <param name="OldContext">The unloaded load context, weakly held, so tests can watch it being collected.</param>
public sealed record PluginReloadResult(
    [property: JsonPropertyName("folder")] string Folder,
    [property: JsonPropertyName("unloaded")] IReadOnlyList<string> Unloaded,
    [property: JsonPropertyName("plugins")] IReadOnlyList<PluginInfo> Plugins,
    [property: JsonIgnore] WeakReference? OldContext);
