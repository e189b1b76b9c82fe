using System.Collections.Frozen;
using System.Diagnostics;
using CliAgentOrchestrator.Core.Telemetry;
using System.Reflection;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// Loads plugins, delivers events to them and tears them down. Each plugin gets its own load
/// context (installed plugins), its own bounded queue and its own reader, so plugins never delay
/// each other or the server. See docs/plugins.md for the guarantees.
/// </summary>
public sealed partial class PluginHost : ICaoEventPublisher, IAsyncDisposable
{
    private readonly PluginHostOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly PluginSettings _settings;
    private readonly ICaoState _state;
    private readonly PreHooks.PreHookChain _preHooks;
    private readonly ILogger _logger;
    private readonly List<LoadedPlugin> _plugins = [];
    private readonly Dictionary<string, LoadedFolder> _contexts = new(StringComparer.Ordinal); // by plugin folder
    private FrozenDictionary<string, PluginMailbox[]> _subscribers = FrozenDictionary<string, PluginMailbox[]>.Empty;
    private int _stopped;
    private readonly Func<Type, CaoPlugin?> _builtInFactory;
    private readonly Providers.ProviderCatalog? _providerCatalog; // where [assembly: CaoProvider] registrations go

    /// <summary>The <see cref="PluginInfo.Source"/> of plugins compiled into CAO.</summary>
    public const string BuiltInSource = "built-in";

    /// <param name="options">Timeouts and queue sizes.</param>
    /// <param name="loggerFactory">Host and plugin loggers; plugin loggers are named <c>CaoPlugin.&lt;name&gt;</c>.</param>
    /// <param name="settings">Per-plugin settings handed to each plugin's context.</param>
    /// <param name="state">The read-only view of CAO state handed to each plugin's context.</param>
    /// <param name="preHooks">Where loaded plugins' pre-hooks are registered for the services to await.</param>
    /// <param name="providers">Where providers declared by plugin assemblies are registered; null ignores them.</param>
    /// <param name="builtInFactory">
    /// Creates a built-in plugin that needs the server's services (the live event stream); null for
    /// a type it does not make. Everything after creation (context, hooks, queue) is the same as for any plugin.
    /// </param>
    public PluginHost(PluginHostOptions options, ILoggerFactory loggerFactory, PluginSettings? settings = null, ICaoState? state = null, PreHooks.PreHookChain? preHooks = null,
        Func<Type, CaoPlugin?>? builtInFactory = null, Providers.ProviderCatalog? providers = null)
    {
        _providerCatalog = providers;
        _builtInFactory = builtInFactory ?? (_ => null);
        _preHooks = preHooks ?? new PreHooks.PreHookChain(loggerFactory.CreateLogger<PreHooks.PreHookChain>());
        _options = options;
        _loggerFactory = loggerFactory;
        _settings = settings ?? PluginSettings.Empty;
        _state = state ?? PluginContext.Detached.State;
        _logger = loggerFactory.CreateLogger<PluginHost>();
        _preHooks.Abandoned = (pluginName, hook) =>
        {
            // An isolated plugin's pre-hook call is cancelled over the wire and costs the server nothing;
            // restarting the child for it would make the next calls slow (cold) and time out again.
            if (Find(pluginName) is { Isolated: not null })
                return;
            MarkFaulted(pluginName, $"pre-hook {hook} did not return within its timeout and was abandoned");
        };
    }

    /// <summary>
    /// Set in an isolated plugin's child: load only this entry point, in this process, whatever the
    /// settings say about isolation (the child is the isolation).
    /// </summary>
    internal string? OnlyPlugin { get; init; }

    /// <summary>How the server starts <c>cao plugin-host</c> for isolated plugins (default: the running cao).</summary>
    public Isolation.RunnerCommand RunnerCommand { get; set; } = Isolation.RunnerCommand.Current();

    internal LoadedPlugin? Find(string name)
    {
        lock (_plugins)
            return _plugins.FirstOrDefault(p => p.Name == name);
    }

    /// <summary>The pre-hooks of the loaded plugins, awaited by the operations they guard.</summary>
    public PreHooks.PreHookChain PreHooks => _preHooks;

    /// <summary>Every plugin entry point seen at load, with its status and counters.</summary>
    public IReadOnlyList<PluginInfo> Describe()
    {
        lock (_plugins)
            return _plugins.Select(p => p.Describe()).ToList();
    }

    /// <inheritdoc />
    public void Publish(CaoEvent e)
    {
        // With tracing on, the event carries the operation's span, so plugins and exported traces can be
        // joined. Tracing is asked first: it is a field read, Activity.Current an async-local lookup.
        if (e.Traceparent is null && CaoTelemetry.Tracing && Activity.Current is { } operation)
            e = e with { Traceparent = operation.Id };
        if (CaoTelemetry.EventsEmitted.Enabled)
            CaoTelemetry.EventsEmitted.Add(1, new KeyValuePair<string, object?>(CaoTelemetry.Attributes.EventType, e.EventType));
        // A lookup and a non-blocking write per subscribed plugin: nothing here can block or throw.
        if (_subscribers.TryGetValue(e.EventType, out var mailboxes))
        {
            foreach (var mailbox in mailboxes)
                mailbox.Post(e);
        }
    }

    /// <summary>
    /// Loads the built-in plugins declared in <paramref name="builtInAssemblies"/>, then every
    /// installed plugin in <paramref name="folders"/>, sets each up, and starts delivering events.
    /// </summary>
    public async Task LoadAsync(IEnumerable<PluginFolder> folders, IEnumerable<Assembly> builtInAssemblies, CancellationToken cancellationToken)
    {
        var folderList = folders.ToList();
        var candidates = builtInAssemblies.SelectMany(a => ReadEntryPoints(a, BuiltInSource)).ToList();
        foreach (var folder in folderList)
            candidates.AddRange(ReadFolder(folder));

        int entryPoints;
        lock (_plugins)
            entryPoints = _plugins.Count;
        if (entryPoints == 0)
            _logger.LogInformation("No CAO plugins registered (no CaoPlugin entry points in {Count} plugin folders)", folderList.Count);

        await Task.WhenAll(candidates.Select(c => Task.Run(() => SetUpAsync(c, cancellationToken), cancellationToken))).ConfigureAwait(false);
        StartDelivery();
    }

    /// <summary>
    /// Stops intake, waits up to the drain deadline for queued events to be delivered, then tears
    /// down, in reverse load order, every plugin whose setup succeeded. Safe to call twice.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false); // no reload half done
        _reloadLock.Release();
        List<LoadedPlugin> running;
        lock (_plugins)
            running = _plugins.Where(p => p.Status is PluginStatus.Loaded or PluginStatus.Faulted).ToList();

        _preHooks.Set([]); // torn-down plugins must not be asked anything
        List<PluginMailbox> mailboxes;
        lock (_plugins)
            mailboxes = _plugins.Select(p => p.Mailbox).OfType<PluginMailbox>().ToList(); // also the paused queue of a failed reload
        foreach (var mailbox in mailboxes)
            mailbox.Complete();
        var deadline = Task.Delay(_options.DrainTimeout, cancellationToken);
        await Task.WhenAll(mailboxes.Select(m => m.DrainAsync(deadline))).ConfigureAwait(false);

        running.Reverse();
        foreach (var plugin in running)
            await TeardownAsync(plugin).ConfigureAwait(false);

        lock (_contexts)
        {
            foreach (var folder in _contexts.Values)
                folder.Unload();
            _contexts.Clear();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void StartDelivery()
    {
        List<LoadedPlugin> loaded;
        lock (_plugins)
            loaded = _plugins.Where(p => p.Status == PluginStatus.Loaded).ToList();
        foreach (var plugin in loaded)
        {
            plugin.Mailbox = NewMailbox(plugin);
            plugin.Mailbox.Start();
        }
        PublishRouting();
    }

    internal void MarkFaulted(string pluginName, string reason)
    {
        LoadedPlugin? plugin;
        lock (_plugins)
            plugin = _plugins.FirstOrDefault(p => p.Name == pluginName && p.Status is PluginStatus.Loaded or PluginStatus.Faulted);
        if (plugin is not null)
            MarkFaulted(plugin, reason);
    }

    // A faulted plugin keeps receiving events (its other hooks may be fine); the status tells the
    // operator that one of its calls is stuck and holds a thread.
    internal void MarkFaulted(LoadedPlugin plugin, string reason)
    {
        // An isolated plugin's stuck call holds a thread of its child: restarting the child frees it.
        if (plugin.Isolated is { } isolated)
        {
            isolated.Recover(reason);
            return;
        }
        SetFaulted(plugin, reason);
    }

    internal void SetFaulted(LoadedPlugin plugin, string reason)
    {
        lock (_plugins)
        {
            if (plugin.Status is not (PluginStatus.Loaded or PluginStatus.Faulted))
                return;
            plugin.Status = PluginStatus.Faulted;
            plugin.Error = reason;
        }
    }

    private async Task TeardownAsync(LoadedPlugin plugin)
    {
        if (plugin.Isolated is { } isolated)
        {
            await isolated.StopAsync().ConfigureAwait(false);
            plugin.Status = PluginStatus.Stopped;
            return;
        }
        try
        {
            using var timeout = new CancellationTokenSource(_options.TeardownTimeout);
            // On a plugin thread, so a teardown that blocks cannot hold shutdown past its timeout.
            await PluginThreads.Run(() => new ValueTask(plugin.Instance!.TeardownAsync(timeout.Token))).WaitAsync(_options.TeardownTimeout).ConfigureAwait(false);
            plugin.Status = PluginStatus.Stopped;
        }
        catch (Exception ex)
        {
            plugin.Status = PluginStatus.Stopped;
            _logger.LogWarning(ex, "Plugin '{Plugin}' teardown failed", plugin.Name);
        }
    }
}
