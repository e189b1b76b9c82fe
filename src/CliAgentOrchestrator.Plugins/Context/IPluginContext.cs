using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Plugins;

/// <summary>
/// What CAO gives a plugin before <see cref="CaoPlugin.SetupAsync"/>: a logger named after the
/// plugin, the plugin's own settings, and a read-only view of CAO's state.
/// </summary>
public interface IPluginContext
{
    /// <summary>The plugin's name, from its <see cref="CaoPluginAttribute"/>.</summary>
    string PluginName { get; }

    /// <summary>A logger whose category is <c>CaoPlugin.&lt;name&gt;</c>; its lines go to the server log.</summary>
    ILogger Logger { get; }

    /// <summary>
    /// The plugin's settings: the <c>plugins.&lt;name&gt;</c> section of <c>$CAO_HOME_DIR/settings.json</c>,
    /// overridden by environment variables <c>CAO_PLUGIN_&lt;NAME&gt;_&lt;KEY&gt;</c>. Keys are case-insensitive.
    /// </summary>
    IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Read-only lookups into CAO's state (terminals, sessions).</summary>
    ICaoState State { get; }
}
