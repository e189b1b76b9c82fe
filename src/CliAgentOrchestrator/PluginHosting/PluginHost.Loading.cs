using System.Reflection;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.PluginHosting;

// Loading: one load context per folder, one LoadedPlugin per entry point, failures isolated.
public sealed partial class PluginHost
{
    private async Task<int> LoadFolderAsync(PluginFolder folder, CancellationToken cancellationToken)
    {
        var folderName = Path.GetFileName(folder.Path);
        if (folder.EntryAssemblies.Count == 0)
        {
            _logger.LogWarning("Plugin folder '{Folder}' holds no assembly with [assembly: CaoPlugin(...)], skipping", folder.Path);
            return 0;
        }

        var entryPoints = 0;
        var context = new PluginLoadContext(MainAssembly(folder));
        _contexts.Add(context);
        foreach (var path in folder.EntryAssemblies)
        {
            Assembly assembly;
            try
            {
                assembly = context.LoadFromAssemblyPath(path);
            }
            catch (Exception ex)
            {
                Record(new LoadedPlugin(folderName, folder.Path, null) { Error = ex.Message });
                _logger.LogWarning(ex, "Failed to load plugin '{Plugin}': {Reason}", folderName, ex.Message);
                entryPoints++;
                continue;
            }
            entryPoints += await LoadEntryPointsAsync(assembly, folder.Path, cancellationToken).ConfigureAwait(false);
        }
        return entryPoints;
    }

    // The resolver reads the .deps.json of the project that was published into the folder.
    private static string MainAssembly(PluginFolder folder) =>
        folder.EntryAssemblies.FirstOrDefault(a => File.Exists(Path.ChangeExtension(a, ".deps.json")))
        ?? folder.EntryAssemblies[0];

    private async Task<int> LoadEntryPointsAsync(Assembly assembly, string source, CancellationToken cancellationToken)
    {
        IReadOnlyList<CaoPluginAttribute> entryPoints;
        try
        {
            entryPoints = assembly.GetCustomAttributes<CaoPluginAttribute>().ToList();
        }
        catch (Exception ex)
        {
            var name = assembly.GetName().Name ?? source;
            Record(new LoadedPlugin(name, source, null) { Error = ex.Message });
            _logger.LogWarning(ex, "Failed to load plugin '{Plugin}': {Reason}", name, ex.Message);
            return 1;
        }

        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? assembly.GetName().Version?.ToString();
        foreach (var entryPoint in entryPoints)
        {
            var plugin = new LoadedPlugin(entryPoint.Name, source, version);
            Record(plugin);
            await LoadEntryPointAsync(plugin, entryPoint.PluginType, assembly, cancellationToken).ConfigureAwait(false);
        }
        return entryPoints.Count;
    }

    private async Task LoadEntryPointAsync(LoadedPlugin plugin, Type type, Assembly assembly, CancellationToken cancellationToken)
    {
        if (!typeof(CaoPlugin).IsAssignableFrom(type) || type.IsAbstract)
        {
            plugin.Error = $"{type.FullName} is not a concrete CaoPlugin subclass";
            _logger.LogWarning("Plugin entry point '{Plugin}' is not a CaoPlugin subclass, skipping", plugin.Name);
            return;
        }
        if (Refuse(plugin, DuplicateName(plugin) ?? IncompatibleSdk(assembly)))
            return;

        try
        {
            plugin.Instance = CreateInstance(type);
            plugin.Instance.AttachContext(new PluginContext
            {
                PluginName = plugin.Name,
                Logger = _loggerFactory.CreateLogger($"CaoPlugin.{plugin.Name}"),
                Settings = _settings.For(plugin.Name),
                State = _state,
            });
            (plugin.Hooks, plugin.Refusals) = HookBinder.Bind(plugin.Instance);
            foreach (var refusal in plugin.Refusals)
                _logger.LogWarning("Plugin '{Plugin}': {Refusal}", plugin.Name, refusal);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.SetupTimeout);
            await plugin.Instance.SetupAsync(timeout.Token).WaitAsync(_options.SetupTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            plugin.Error = cause is TimeoutException ? $"setup did not finish within {_options.SetupTimeout.TotalSeconds}s" : cause.Message;
            _logger.LogWarning(cause, "Failed to load plugin '{Plugin}': {Reason}", plugin.Name, plugin.Error);
            return;
        }

        plugin.Status = PluginStatus.Loaded;
        _logger.LogInformation("Loaded CAO plugin: {Plugin}", plugin.Name);
    }

    private static CaoPlugin CreateInstance(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is not { IsPublic: true } constructor)
            throw new MissingMethodException($"{type.FullName} needs a public parameterless constructor: CAO creates plugins itself");
        return (CaoPlugin)constructor.Invoke(null);
    }

    private bool Refuse(LoadedPlugin plugin, string? reason)
    {
        if (reason is null)
            return false;
        plugin.Error = reason;
        _logger.LogWarning("Failed to load plugin '{Plugin}': {Reason}", plugin.Name, reason);
        return true;
    }

    private string? DuplicateName(LoadedPlugin plugin)
    {
        lock (_plugins)
        {
            var other = _plugins.FirstOrDefault(p => p != plugin && p.Name == plugin.Name && p.Status == PluginStatus.Loaded);
            return other is null ? null : $"a plugin named '{plugin.Name}' is already loaded from {other.Source}";
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
