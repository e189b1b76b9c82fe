namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>Limits of the plugin host. Every value can be set from the environment (see <see cref="FromEnvironment"/>).</summary>
public sealed record PluginHostOptions
{
    /// <summary>How long one hook call may run before it is abandoned and its token cancelled.</summary>
    public TimeSpan HookTimeout { get; init; } = TimeSpan.FromSeconds(30);

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

    /// <summary>
    /// Reads <c>CAO_PLUGINS_HOOK_TIMEOUT</c>, <c>CAO_PLUGINS_SETUP_TIMEOUT</c>, <c>CAO_PLUGINS_TEARDOWN_TIMEOUT</c>,
    /// <c>CAO_PLUGINS_DRAIN_TIMEOUT</c> (seconds) and <c>CAO_PLUGINS_QUEUE_CAPACITY</c>; unset or invalid values keep the defaults.
    /// </summary>
    public static PluginHostOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var defaults = new PluginHostOptions();
        return new PluginHostOptions
        {
            HookTimeout = Seconds(getVariable("CAO_PLUGINS_HOOK_TIMEOUT"), defaults.HookTimeout),
            SetupTimeout = Seconds(getVariable("CAO_PLUGINS_SETUP_TIMEOUT"), defaults.SetupTimeout),
            TeardownTimeout = Seconds(getVariable("CAO_PLUGINS_TEARDOWN_TIMEOUT"), defaults.TeardownTimeout),
            DrainTimeout = Seconds(getVariable("CAO_PLUGINS_DRAIN_TIMEOUT"), defaults.DrainTimeout),
            QueueCapacity = int.TryParse(getVariable("CAO_PLUGINS_QUEUE_CAPACITY"), out var capacity) && capacity > 0
                ? capacity
                : defaults.QueueCapacity,
        };
    }

    private static TimeSpan Seconds(string? value, TimeSpan fallback) =>
        double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : fallback;
}
