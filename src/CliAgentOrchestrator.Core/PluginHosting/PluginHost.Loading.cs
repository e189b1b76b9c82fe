using System.Reflection;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Core.PluginHosting;

// Loading happens in two phases. Reading entry points is cheap and sequential, so names are
// checked for duplicates and "load order" is simply discovery order. Creating and setting up the
// plugins runs in parallel, so one plugin with a slow setup does not delay the others or the server.
public sealed partial class PluginHost
{
    // An isolated candidate has no type or assembly here: only its child process loads its code.
    private sealed record Candidate(LoadedPlugin Plugin, Type? Type, Assembly? Assembly, PluginFolder? IsolatedFolder = null);

    /// <param name="folder">The plugin folder.</param>
    /// <param name="reloading">
    /// Loads from a private copy as a linked folder always does: the runtime keeps an assembly image
    /// per path until its unloaded context is collected, so loading the same path again would hand
    /// back the old build.
    /// </param>
    private List<Candidate> ReadFolder(PluginFolder folder, bool reloading = false)
    {
        if (folder.EntryAssemblies.Count == 0)
        {
            _logger.LogWarning("Plugin folder '{Folder}' holds no assembly with [assembly: CaoPlugin(...)], skipping", folder.Path);
            return [];
        }

        // Isolated plugins are read from metadata only: their code never loads into the server.
        var (isolated, handled, inProcessLeft) = ReadIsolated(folder);
        if (!inProcessLeft)
            return isolated;

        // A linked folder is a build output the next build rewrites in place: load a private copy,
        // so the build never changes files under a loaded assembly and the next reload sees the new ones.
        var shadow = folder.Linked || reloading ? ShadowCopy(folder.Path) : null;
        var loadFrom = shadow is null ? folder : folder with { EntryAssemblies = folder.EntryAssemblies.Select(a => Path.Combine(shadow, Path.GetFileName(a))).ToList() };
        PluginLoadContext context;
        try
        {
            context = new PluginLoadContext(MainAssembly(loadFrom));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException or BadImageFormatException)
        {
            // A broken build (say, an unreadable .deps.json): each of its plugins is recorded as failed,
            // under its own name, so a reload keeps its queue for the next, fixed build.
            foreach (var name in PluginDiscovery.ReadFolder(folder.Path).SelectMany(a => a.EntryPoints).DefaultIfEmpty(Path.GetFileName(folder.Path)))
                Fail(new LoadedPlugin(name, folder.Path, null), $"its load context could not be created: {ex.Message}", ex);
            if (shadow is not null)
                Directory.Delete(shadow, recursive: true);
            return [];
        }
        lock (_contexts)
            _contexts[folder.Path] = new LoadedFolder(folder, context, shadow);
        var candidates = new List<Candidate>();
        foreach (var path in loadFrom.EntryAssemblies)
        {
            try
            {
                var assembly = context.LoadFromAssemblyPath(path);
                candidates.AddRange(ReadEntryPoints(assembly, folder.Path, handled));
                RegisterProviders(assembly, folder.Path);
            }
            catch (Exception ex)
            {
                Fail(new LoadedPlugin(Path.GetFileName(folder.Path), folder.Path, null), ex.Message, ex);
            }
        }
        candidates.AddRange(isolated);
        return candidates;
    }

    private string ShadowCopy(string folder)
    {
        var shadow = Path.Combine(ShadowRoot, Guid.NewGuid().ToString("N")[..16]);
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(shadow, Path.GetRelativePath(folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return shadow;
    }

    // The resolver reads the .deps.json of the project that was published into the folder.
    private static string MainAssembly(PluginFolder folder) =>
        folder.EntryAssemblies.FirstOrDefault(a => File.Exists(Path.ChangeExtension(a, ".deps.json")))
        ?? folder.EntryAssemblies[0];

    private List<Candidate> ReadEntryPoints(Assembly assembly, string source, IReadOnlySet<string>? handled = null)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? assembly.GetName().Version?.ToString();
        var candidates = new List<Candidate>();
        foreach (var entryPoint in assembly.GetCustomAttributes<CaoPluginAttribute>())
        {
            // Recorded already (isolated), or not the one plugin a child hosts.
            if (handled?.Contains(entryPoint.Name) == true || (OnlyPlugin is not null && entryPoint.Name != OnlyPlugin))
                continue;
            var plugin = new LoadedPlugin(entryPoint.Name, source, version);
            if (PluginNames.Problem("Entry point", plugin.Name) is { } badName)
            {
                // Refused before the name reaches settings lookups, logs or paths.
                Fail(new LoadedPlugin(PluginNames.IsValid(Path.GetFileName(source)) ? Path.GetFileName(source) : "(invalid)", source, version), badName);
            }
            else if (_settings.IsDisabled(plugin.Name))
            {
                // Not even created: a disabled plugin must not run its constructor or setup.
                plugin.Status = PluginStatus.Disabled;
                Record(plugin);
                _logger.LogInformation("Plugin '{Plugin}' is disabled in settings, skipping", plugin.Name);
            }
            else if (entryPoint.PluginType.IsDefined(typeof(OptInPluginAttribute), inherit: false) && !_settings.IsConfigured(plugin.Name))
            {
                // A built-in that sends data somewhere runs only once the operator configured it.
                plugin.Status = PluginStatus.Disabled;
                Record(plugin);
                _logger.LogInformation("Built-in plugin '{Plugin}' is off until configured: add a plugins.{Plugin} section to settings.json (see docs/observability.md)", plugin.Name, plugin.Name);
            }
            else if (!typeof(CaoPlugin).IsAssignableFrom(entryPoint.PluginType) || entryPoint.PluginType.IsAbstract)
            {
                Record(plugin);
                plugin.Error = $"{entryPoint.PluginType.FullName} is not a concrete CaoPlugin subclass";
                _logger.LogWarning("Plugin entry point '{Plugin}' is not a CaoPlugin subclass, skipping", plugin.Name);
            }
            else if ((DuplicateName(plugin) ?? IncompatibleSdk(assembly)) is { } reason)
            {
                Fail(plugin, reason);
            }
            else
            {
                Record(plugin);
                BindTools(plugin, entryPoint.PluginType);
                candidates.Add(new Candidate(plugin, entryPoint.PluginType, assembly));
            }
        }
        return candidates;
    }

    private async Task SetUpAsync(Candidate candidate, CancellationToken cancellationToken)
    {
        var plugin = candidate.Plugin;
        if (candidate.IsolatedFolder is { } isolatedFolder)
        {
            await SetUpIsolatedAsync(plugin, isolatedFolder, cancellationToken).ConfigureAwait(false);
            return;
        }
        try
        {
            plugin.Instance = CreateInstance(candidate.Type!);
            plugin.Instance.AttachContext(new PluginContext
            {
                PluginName = plugin.Name,
                Logger = _loggerFactory.CreateLogger($"CaoPlugin.{plugin.Name}"),
                Settings = _settings.For(plugin.Name),
                State = _state,
            });
            var (hooks, refusals) = HookBinder.Bind(plugin.Instance);
            var (preHooks, preRefusals) = PluginHosting.PreHooks.PreHookBinder.Bind(plugin.Name, plugin.Instance);
            (plugin.Hooks, plugin.PreHooks, plugin.Refusals) = (hooks, preHooks, [.. refusals, .. preRefusals]);
            foreach (var refusal in plugin.Refusals)
                _logger.LogWarning("Plugin '{Plugin}': {Refusal}", plugin.Name, refusal);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.SetupTimeout);
            var instance = plugin.Instance;
            // On a plugin thread, so a setup that blocks cannot hold the server's start past its timeout.
            await PluginThreads.Run(() => new ValueTask(instance.SetupAsync(timeout.Token))).WaitAsync(_options.SetupTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            Fail(plugin, cause is TimeoutException ? $"setup did not finish within {_options.SetupTimeout.TotalSeconds}s" : cause.Message, cause, record: false);
            return;
        }

        plugin.Status = PluginStatus.Loaded;
        _logger.LogInformation("Loaded CAO plugin: {Plugin}", plugin.Name);
    }

    private CaoPlugin CreateInstance(Type type)
    {
        if (_builtInFactory(type) is { } builtIn)
            return builtIn;
        if (type.GetConstructor(Type.EmptyTypes) is not { IsPublic: true } constructor)
            throw new MissingMethodException($"{type.FullName} needs a public parameterless constructor: CAO creates plugins itself");
        return (CaoPlugin)constructor.Invoke(null);
    }

    private void Fail(LoadedPlugin plugin, string reason, Exception? exception = null, bool record = true)
    {
        if (record)
            Record(plugin);
        plugin.Status = PluginStatus.Failed;
        plugin.Error = reason;
        _logger.LogWarning(exception, "Failed to load plugin '{Plugin}': {Reason}", plugin.Name, reason);
    }

    private string? DuplicateName(LoadedPlugin plugin)
    {
        lock (_plugins)
        {
            var other = _plugins.FirstOrDefault(p => p.Name == plugin.Name && p.Error is null);
            return other is null ? null : $"a plugin named '{plugin.Name}' is already installed at {other.Source}";
        }
    }

    private static string? IncompatibleSdk(Assembly assembly)
    {
        var sdk = assembly.GetReferencedAssemblies().FirstOrDefault(SharedAssemblies.IsSdk);
        if (sdk?.Version is not { } built || built.Major <= SharedAssemblies.SdkVersion.Major)
            return null;
        return $"built for CAO plugin SDK {built.Major}.x but this CAO carries SDK {SharedAssemblies.SdkVersion.Major}.x; update CAO or rebuild the plugin against SDK {SharedAssemblies.SdkVersion.Major}.x";
    }

    private void Record(LoadedPlugin plugin)
    {
        lock (_plugins)
            _plugins.Add(plugin);
    }
}
