namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// Limits of the plugin host, bound from the <c>PluginHost</c> section: <c>CAO_PLUGINS_HOOK_TIMEOUT</c>, <c>CAO_PLUGINS_TOOL_TIMEOUT</c>,
/// <c>CAO_PLUGINS_SETUP_TIMEOUT</c>, <c>CAO_PLUGINS_TEARDOWN_TIMEOUT</c>, <c>CAO_PLUGINS_DRAIN_TIMEOUT</c> (seconds),
/// <c>CAO_PLUGINS_QUEUE_CAPACITY</c>, the isolated-plugin supervisor's <c>CAO_PLUGINS_HEARTBEAT_*</c>,
/// <c>CAO_PLUGINS_MAX_RESTARTS</c>, <c>CAO_PLUGINS_RESTART_WINDOW</c> and <c>CAO_PLUGIN_PATH</c> (see <see cref="Configuration.CaoSettings"/>).
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

    /// <summary>How often the server asks each isolated plugin's child whether it is alive (<c>CAO_PLUGINS_HEARTBEAT_INTERVAL</c>).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A child that has not answered a heartbeat within this is hung: killed and restarted (<c>CAO_PLUGINS_HEARTBEAT_TIMEOUT</c>).</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Crashes within <see cref="RestartWindow"/> after which an isolated plugin is not restarted again but marked faulted (<c>CAO_PLUGINS_MAX_RESTARTS</c>).</summary>
    public int MaxRestarts { get; init; } = 5;

    /// <summary>The window <see cref="MaxRestarts"/> counts crashes in (<c>CAO_PLUGINS_RESTART_WINDOW</c>).</summary>
    public TimeSpan RestartWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The first wait before restarting a crashed child; doubled per consecutive crash up to <see cref="MaxRestartBackoff"/>.</summary>
    public TimeSpan RestartBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between restarts of a crashing child.</summary>
    public TimeSpan MaxRestartBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra plugin folders, <c>:</c>-separated like <c>PATH</c> (<c>CAO_PLUGIN_PATH</c>).</summary>
    public string? PluginPath { get; init; }
}
