using System.Collections.Frozen;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Core.PluginHosting;

// Reload swaps one plugin folder's instances without a restart. Per plugin, the queue outlives the
// instance: the reader is paused (events keep queueing, bounded as always), the old instances are
// torn down once and their load context unloaded, the folder is loaded again, and the queue is
// resumed with the new instance's hooks, so nothing posted during the swap is lost.
public sealed partial class PluginHost
{
    private readonly SemaphoreSlim _reloadLock = new(1, 1);

    /// <summary>
    /// Where the plugin folders are found when a reload looks again (installed roots and links).
    /// Without it, a reload only finds folders that were loaded before.
    /// </summary>
    public Func<IReadOnlyList<PluginFolder>>? FolderSource { get; set; }

    /// <summary>Where linked plugins are copied to before they load (default: a folder under the system temp directory).</summary>
    public string ShadowRoot { get; set; } = Path.Combine(Path.GetTempPath(), "cao-linked-plugins");

    /// <summary>
    /// Tears down every plugin of the folder that holds <paramref name="name"/>, unloads that folder's
    /// load context and loads the folder as it is on disk now. Events posted meanwhile wait in each
    /// plugin's queue and reach the new instance. A plugin whose folder is gone is torn down and removed.
    /// </summary>
    /// <exception cref="PluginReloadException">No such plugin, a built-in, or the server is stopping.</exception>
    public async Task<PluginReloadResult> ReloadAsync(string name, CancellationToken cancellationToken = default)
    {
        await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _stopped) == 1)
                throw new PluginReloadException($"The server is stopping; plugin '{name}' is not reloaded");
            var (oldFolder, newFolder) = FindFolders(name);
            var folderPath = oldFolder ?? newFolder!.Path;
            _logger.LogInformation("Reloading CAO plugin: {Plugin} from {Folder}", name, newFolder?.Path ?? folderPath);

            var old = PluginsOf(oldFolder);
            // 1. Hold each plugin's reader after its current event; intake stays open.
            await Task.WhenAll(old.Select(p => p.Mailbox?.PauseAsync() ?? Task.CompletedTask)).ConfigureAwait(false);
            // 2. Nothing of the old instances may be asked anything while it is torn down.
            PublishRouting();
            old.Reverse();
            foreach (var plugin in old.Where(p => p.Status is PluginStatus.Loaded or PluginStatus.Faulted))
            {
                await TeardownAsync(plugin).ConfigureAwait(false);
                _logger.LogInformation("Unloaded CAO plugin: {Plugin}", plugin.Name);
            }
            var unloaded = UnloadFolder(oldFolder, old);

            // 3. The folder as it is now.
            var candidates = newFolder is null ? [] : ReadFolder(newFolder, reloading: true);
            await Task.WhenAll(candidates.Select(c => Task.Run(() => SetUpAsync(c, cancellationToken), cancellationToken))).ConfigureAwait(false);

            // 4. Queues move to the instance of the same name; a queue nobody takes is finished.
            var mailboxes = old.Where(p => p.Mailbox is not null).ToDictionary(p => p.Name, p => p.Mailbox!, StringComparer.Ordinal);
            // Every record of the folder now, also those that failed before becoming candidates (a broken build).
            foreach (var candidate in newFolder is null ? [] : PluginsOf(newFolder.Path))
            {
                mailboxes.Remove(candidate.Name, out var mailbox);
                if (candidate.Status == PluginStatus.Disabled)
                {
                    if (mailbox is not null)
                        mailboxes[candidate.Name] = mailbox; // nothing will take its events: finished below
                    continue;
                }
                if (candidate.Status != PluginStatus.Loaded)
                {
                    candidate.Mailbox = mailbox; // stays paused: a fixed build reloaded next gets its events
                    continue;
                }
                if (mailbox is null)
                {
                    candidate.Mailbox = NewMailbox(candidate);
                    candidate.Mailbox.Start();
                }
                else
                {
                    candidate.Mailbox = mailbox;
                    mailbox.Resume(candidate.Hooks);
                }
            }
            foreach (var (gone, mailbox) in mailboxes)
            {
                mailbox.Complete();
                await mailbox.DrainAsync(Task.CompletedTask).ConfigureAwait(false);
                _logger.LogInformation("CAO plugin {Plugin} is no longer in {Folder}; removed", gone, folderPath);
            }
            PublishRouting();

            List<PluginInfo> now;
            lock (_plugins)
                now = _plugins.Where(p => p.Source == folderPath).Select(p => p.Describe()).ToList();
            return new PluginReloadResult(folderPath, [.. old.Select(p => p.Name)], now, unloaded);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    private (string? Old, PluginFolder? New) FindFolders(string name)
    {
        string? oldFolder;
        bool builtIn;
        lock (_plugins)
        {
            var known = _plugins.FirstOrDefault(p => p.Name == name);
            builtIn = known?.Source == BuiltInSource;
            oldFolder = known?.Source;
        }
        if (builtIn)
            throw new PluginReloadException($"Plugin '{name}' is built into CAO and cannot be reloaded");
        var onDisk = FolderSource?.Invoke() ?? KnownFolders();
        var newFolder = oldFolder is null
            ? onDisk.FirstOrDefault(f => PluginDiscovery.ReadFolder(f.Path).Any(a => a.EntryPoints.Contains(name)))
            : onDisk.FirstOrDefault(f => f.Path == oldFolder && f.EntryAssemblies.Count > 0);
        if (oldFolder is null && newFolder is null)
        {
            List<string> names;
            lock (_plugins)
                names = _plugins.Select(p => p.Name).Distinct().Order(StringComparer.Ordinal).ToList();
            throw new PluginReloadException($"No plugin named '{name}' is loaded or installed; loaded: {(names.Count == 0 ? "none" : string.Join(", ", names))} (`cao plugin list` shows them)", notFound: true);
        }
        return (oldFolder, newFolder);
    }

    // Without a folder source: the folders loaded before, as they are on disk now.
    private List<PluginFolder> KnownFolders()
    {
        List<PluginFolder> loaded;
        lock (_contexts)
            loaded = _contexts.Values.Select(f => f.Folder).ToList();
        List<string> recorded; // also folders whose last load failed before it had a context
        lock (_plugins)
            recorded = _plugins.Select(p => p.Source).Where(s => s != BuiltInSource).Distinct(StringComparer.Ordinal).ToList();
        return loaded.Concat(recorded.Where(r => !loaded.Any(f => f.Path == r)).Select(r => new PluginFolder(r, [])))
            .Where(f => Directory.Exists(f.Path))
            .Select(f => f with { EntryAssemblies = PluginDiscovery.FindEntryAssemblies(f.Path) }).ToList();
    }

    private List<LoadedPlugin> PluginsOf(string? folder)
    {
        lock (_plugins)
            return folder is null ? [] : _plugins.Where(p => p.Source == folder).ToList();
    }

    // Forgets the folder's plugins and starts unloading its context; the weak reference tells when the runtime freed it.
    private WeakReference? UnloadFolder(string? folder, List<LoadedPlugin> plugins)
    {
        lock (_plugins)
            _plugins.RemoveAll(plugins.Contains);
        foreach (var plugin in plugins)
        {
            // Bound hooks hold the instance, and the instance holds its load context.
            plugin.Instance = null;
            plugin.Hooks = [];
            plugin.PreHooks = [];
            plugin.Tools = []; // their methods hold the plugin's types
        }
        if (folder is null)
            return null;
        LoadedFolder? loaded;
        lock (_contexts)
            _contexts.Remove(folder, out loaded);
        if (loaded is null)
            return null;
        var reference = new WeakReference(loaded.Context, trackResurrection: false);
        loaded.Unload();
        return reference;
    }

    private PluginMailbox NewMailbox(LoadedPlugin plugin) =>
        new(plugin.Name, plugin.Hooks, _options, _logger, hook => MarkFaulted(plugin.Name, $"hook {hook} did not return within its timeout and was abandoned"));

    // Which queue gets which event type, and which pre-hooks run: from the plugins as they are now.
    // A paused queue keeps its subscriptions, so events for a plugin being reloaded wait for it.
    private void PublishRouting()
    {
        List<LoadedPlugin> plugins;
        lock (_plugins)
            plugins = [.. _plugins];
        var routed = plugins.Where(p => p.Mailbox is not null && (p.Status is PluginStatus.Loaded or PluginStatus.Faulted || p.Mailbox.Paused)).ToList();
        _preHooks.Set(plugins.Where(p => p.Status is PluginStatus.Loaded or PluginStatus.Faulted && p.Mailbox is { Paused: false }).SelectMany(p => p.PreHooks));
        _subscribers = routed
            .SelectMany(p => p.Mailbox!.EventTypes.Select(type => (type, mailbox: p.Mailbox)))
            .GroupBy(x => x.type)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.mailbox).ToArray(), StringComparer.Ordinal);
    }
}
