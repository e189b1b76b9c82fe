namespace CliAgentOrchestrator.Plugins;

/// <summary>
/// The base class of every CAO plugin. CAO creates the plugin with its public parameterless
/// constructor at server start, awaits <see cref="SetupAsync"/> once, then delivers the events
/// its <see cref="HookAttribute"/> methods subscribe to, and awaits <see cref="TeardownAsync"/>
/// once at shutdown.
/// </summary>
/// <remarks>
/// A plugin whose constructor or <see cref="SetupAsync"/> throws is disabled for the life of the
/// server process; other plugins are unaffected. <see cref="TeardownAsync"/> is only called when
/// setup succeeded. There is no hot reload: restart the server after changing a plugin.
/// </remarks>
public abstract class CaoPlugin
{
    private IPluginContext _context = PluginContext.Detached;

    /// <summary>
    /// The plugin's logger, settings and view of CAO state. CAO sets it before
    /// <see cref="SetupAsync"/>; a test may set it in an object initializer. Until then it is
    /// <see cref="PluginContext.Detached"/>.
    /// </summary>
    public IPluginContext Context
    {
        get => _context;
        init => _context = value ?? throw new ArgumentNullException(nameof(value));
    }

    // The host attaches the context after creating the plugin with its parameterless constructor.
    internal void AttachContext(IPluginContext context) => _context = context;

    /// <summary>
    /// Called once, after construction, before any event reaches the plugin. Acquire resources
    /// (HTTP clients, configuration) here; throw with a clear message when the plugin is
    /// misconfigured so the server log points the user at the fix.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the server gives up waiting for setup.</param>
    /// <returns>A task that completes when the plugin is ready.</returns>
    public virtual Task SetupAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Called once at server shutdown, after queued events were delivered (or the drain deadline
    /// passed), only if <see cref="SetupAsync"/> succeeded. Release resources here.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the server gives up waiting for teardown.</param>
    /// <returns>A task that completes when the plugin has released its resources.</returns>
    public virtual Task TeardownAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
