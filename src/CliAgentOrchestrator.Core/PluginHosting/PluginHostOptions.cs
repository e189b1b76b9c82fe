namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// Limits of the plugin host, bound from the <c>PluginHost</c> section: <c>CAO_PLUGINS_HOOK_TIMEOUT</c>, <c>CAO_PLUGINS_TOOL_TIMEOUT</c>,
/// <c>CAO_PLUGINS_SETUP_TIMEOUT</c>, <c>CAO_PLUGINS_TEARDOWN_TIMEOUT</c>, <c>CAO_PLUGINS_DRAIN_TIMEOUT</c> (seconds),
/// <c>CAO_PLUGINS_QUEUE_CAPACITY</c> and <c>CAO_PLUGIN_PATH</c> (see <see cref="Configuration.CaoSettings"/>).
/// </summary>
public sealed record PluginHostOptions
{
    public const string Section = "PluginHost";

    /// <summary>How long one hook call may run before it is abandoned and its token cancelled.</summary>
    public TimeSpan HookTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one plugin tool call may run (<c>CAO_PLUGINS_TOOL_TIMEOUT</c>); tools that wait for a human need minutes.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long <see cref="Plugins.CaoPlugin.SetupAsync"/> may run before the plugin is disabled.</summary>
    public TimeSpan SetupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="Plugins.CaoPlugin.TeardownAsync"/> may run at shutdown.</summary>
    public TimeSpan TeardownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long shutdown waits for queued events to reach the plugins before giving up on them.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Events each plugin may have waiting; past this the oldest is dropped and counted.</summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>At most one "falling behind" warning per plugin in this interval.</summary>
    public TimeSpan OverflowWarningInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Extra plugin folders, <c>:</c>-separated like <c>PATH</c> (<c>CAO_PLUGIN_PATH</c>).</summary>
    public string? PluginPath { get; init; }
}
