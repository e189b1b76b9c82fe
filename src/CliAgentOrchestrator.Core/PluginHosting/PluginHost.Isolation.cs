using CliAgentOrchestrator.Core.PluginHosting.Isolation;
using CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

namespace CliAgentOrchestrator.Core.PluginHosting;

// Isolated plugins (plugins.<name>.isolation = "process"): read from metadata only, run in a child
// process each, and bound to the same queues and pre-hook chain as in-process plugins through hook
// invokers that call over the wire. See docs/plugins.md#isolation and docs/plugin-protocol.md.
public sealed partial class PluginHost
{
    // The folder's entry points that run isolated (as candidates), every name handled here, and
    // whether any entry point is left for the in-process path (which then loads the folder).
    private (List<Candidate> Isolated, IReadOnlySet<string> Handled, bool InProcessLeft) ReadIsolated(PluginFolder folder)
    {
        var handled = new HashSet<string>(StringComparer.Ordinal);
        var isolated = new List<Candidate>();
        if (OnlyPlugin is not null)
            return (isolated, handled, true); // in the child: everything loads here
        var inProcessLeft = false;
        foreach (var assembly in PluginDiscovery.ReadFolder(folder.Path))
        {
            // Providers always load in the server (they drive its terminals): their assembly must load.
            if (assembly.Providers.Count > 0)
                inProcessLeft = true;
            foreach (var name in assembly.EntryPoints)
            {
                if (!PluginNames.IsValid(name))
                {
                    inProcessLeft = true; // refused with its reason by the ordinary path
                    continue;
                }
                var (isolation, problem) = _settings.IsolationOf(name);
                if (problem is not null)
                {
                    handled.Add(name);
                    Fail(new LoadedPlugin(name, folder.Path, assembly.Version), problem);
                    continue;
                }
                if (isolation != PluginIsolation.Process)
                {
                    inProcessLeft = true;
                    continue;
                }
                handled.Add(name);
                var plugin = new LoadedPlugin(name, folder.Path, assembly.Version) { Isolation = PluginIsolation.Process };
                if (_settings.IsDisabled(name))
                {
                    plugin.Status = PluginStatus.Disabled;
                    Record(plugin);
                    _logger.LogInformation("Plugin '{Plugin}' is disabled in settings, skipping", name);
                }
                else if (DuplicateName(plugin) is { } duplicate)
                {
                    Fail(plugin, duplicate);
                }
                else
                {
                    Record(plugin);
                    isolated.Add(new Candidate(plugin, null, null, folder));
                }
            }
        }
        return (isolated, handled, inProcessLeft);
    }

    private async Task SetUpIsolatedAsync(LoadedPlugin plugin, PluginFolder folder, CancellationToken cancellationToken)
    {
        var (memoryLimit, problem) = _settings.MemoryLimitOf(plugin.Name);
        if (problem is not null)
        {
            Fail(plugin, problem, record: false);
            return;
        }
        var isolated = new IsolatedPlugin(plugin.Name, folder, _settings.For(plugin.Name), memoryLimit, _options, _loggerFactory, _state, RunnerCommand);
        plugin.Isolated = isolated;
        try
        {
            Bind(plugin, await isolated.StartAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (IsolatedPluginException ex)
        {
            // Its setup failed: its tools are listed anyway, answering "not configured", as in-process.
            if (ex.SetupFailure is { } failure)
                BindIsolatedTools(plugin, failure.Tools, failure.RefusedTools);
            Fail(plugin, ex.Message, record: false);
            return;
        }
        isolated.Supervise(new Supervision(this, plugin));
        plugin.Status = PluginStatus.Loaded;
        _logger.LogInformation("Loaded CAO plugin: {Plugin} (isolated, pid {Pid}, memory limit {Limit})", plugin.Name, isolated.Pid,
            memoryLimit == 0 ? "none" : $"{memoryLimit} MB");
    }

    // The child's hooks as the host's invokers: the queue and the chain treat them like in-process ones.
    private void Bind(LoadedPlugin plugin, SetupResult setup)
    {
        var isolated = plugin.Isolated!;
        var refusals = setup.RefusedHooks.ToList();
        var hooks = new List<HookInvoker>();
        foreach (var hook in setup.Hooks)
        {
            if (KnownEvents.ByType.ContainsKey(hook.EventType))
                hooks.Add(new HookInvoker(hook.EventType, hook.Hook, (e, token) => isolated.CallHookAsync(hook.Id, e, token)));
            else
                refusals.Add($"hook '{hook.Hook}' for '{hook.EventType}' refused: unknown event type");
        }
        var preHooks = new List<PreHooks.PreHookInvoker>();
        foreach (var hook in setup.PreHooks)
        {
            if (KnownEvents.PreEvents.ContainsKey(hook.EventType) && hook.TimeoutMs > 0)
                preHooks.Add(new PreHooks.PreHookInvoker(plugin.Name, hook.Hook, hook.EventType, hook.Order, hook.FailClosed,
                    TimeSpan.FromMilliseconds(hook.TimeoutMs), (e, token) => isolated.CallPreHookAsync(hook.Id, e, token)));
            else
                refusals.Add($"pre-hook '{hook.Hook}' for '{hook.EventType}' refused: unknown pre event or no positive timeout");
        }
        (plugin.Hooks, plugin.PreHooks, plugin.Refusals) = (hooks, preHooks, refusals);
        BindIsolatedTools(plugin, setup.Tools, setup.RefusedTools);
        foreach (var refusal in refusals)
            _logger.LogWarning("Plugin '{Plugin}': {Refusal}", plugin.Name, refusal);
    }

    private sealed class Supervision(PluginHost host, LoadedPlugin plugin) : ISupervision
    {
        public void RequestPause() => plugin.Mailbox?.RequestPause();

        public async Task<bool> PauseAsync()
        {
            // Under the reload lock: a reload and a restart never hold the same queue at once.
            await host._reloadLock.WaitAsync().ConfigureAwait(false);
            try
            {
                if (Volatile.Read(ref host._stopped) == 1 || plugin.Status is not (PluginStatus.Loaded or PluginStatus.Faulted))
                    return false;
                if (plugin.Mailbox is { } mailbox)
                    await mailbox.PauseAsync().ConfigureAwait(false);
                return true;
            }
            finally
            {
                host._reloadLock.Release();
            }
        }

        public async Task ResumeAsync(SetupResult setup)
        {
            await host._reloadLock.WaitAsync().ConfigureAwait(false);
            try
            {
                if (Volatile.Read(ref host._stopped) == 1 || plugin.Status is not (PluginStatus.Loaded or PluginStatus.Faulted))
                    return;
                host.Bind(plugin, setup); // the build on disk may have changed since the last start
                plugin.Mailbox?.Resume(plugin.Hooks);
                host.PublishRouting();
            }
            finally
            {
                host._reloadLock.Release();
            }
        }

        public void Faulted(string reason) => host.SetFaulted(plugin, reason);
    }
}
