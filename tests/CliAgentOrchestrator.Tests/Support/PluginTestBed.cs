using System.Collections.Concurrent;
using System.Reflection;
using CliAgentOrchestrator.Core.PluginHosting;

namespace CliAgentOrchestrator.Tests.Support;

/// <summary>
/// Installs real test plugins (built to <c>testplugins/</c> beside the test assembly) into a fresh
/// plugins folder, starts a <see cref="PluginHost"/> over it and reads what the plugins recorded.
/// </summary>
public sealed class PluginTestBed : IAsyncDisposable
{
    private readonly TempDirectory _home = new();

    public PluginTestBed()
    {
        Directory.CreateDirectory(PluginsDirectory);
        AppDomain.CurrentDomain.SetData($"{PluginsDirectory}|journal", Journal);
    }

    public string PluginsDirectory => Path.Combine(_home.Path, "plugins");

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Lines every plugin of this test bed recorded, in the order they recorded them.</summary>
    public ConcurrentQueue<string> Journal { get; } = new();

    public PluginHost? Host { get; private set; }

    public static string BuiltPluginFolder(string project) =>
        Path.Combine(AppContext.BaseDirectory, "testplugins", project);

    /// <summary>Copies the published test plugin into its own folder under the plugins directory.</summary>
    public string Install(string project, string? folderName = null)
    {
        var target = Path.Combine(PluginsDirectory, folderName ?? project);
        CopyBuiltPlugin(project, target);
        return target;
    }

    public string HomeDirectory => _home.Path;

    /// <summary>Where the host copies plugins it reloads (and linked ones) before loading them.</summary>
    public string ShadowDirectory => Path.Combine(_home.Path, "shadow");

    /// <summary>Settings handed to the plugins; defaults to <c>settings.json</c> in the home with no environment.</summary>
    public PluginSettings? Settings { get; set; }

    /// <summary>Where the plugins' <c>[assembly: CaoProvider]</c> registrations go; none when null.</summary>
    public Core.Providers.ProviderCatalog? Providers { get; set; }

    public async Task<PluginHost> StartAsync(PluginHostOptions? options = null, params Assembly[] builtIns)
    {
        var settings = Settings ?? PluginSettings.Load(Path.Combine(_home.Path, "settings.json"), new Dictionary<string, string>());
        Host = new PluginHost(options ?? new PluginHostOptions(), Logs, settings, providers: Providers) { ShadowRoot = ShadowDirectory };
        // A reloaded plugin runs from a private copy under the shadow folder: its records join the same journal.
        AppDomain.CurrentDomain.SetData($"{ShadowDirectory}|journal", Journal);
        var folders = PluginDiscovery.Discover(PluginDirectories.Resolve(_home.Path, pluginPath: null));
        await Host.LoadAsync(folders, builtIns, CancellationToken.None);
        return Host;
    }

    /// <summary>What the plugin installed from <paramref name="project"/> recorded, without the plugin-name prefix.</summary>
    public IReadOnlyList<string> Records(string folder, string plugin)
    {
        var file = Path.Combine(PluginsDirectory, folder, "records.log");
        if (!File.Exists(file))
            return [];
        var prefix = plugin + "|";
        return File.ReadAllLines(file).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..]).ToList();
    }

    /// <summary>A gate the plugin installed from <paramref name="project"/> awaits (see Probe.Gate).</summary>
    public TaskCompletionSource Gate(string project, string name)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AppDomain.CurrentDomain.SetData($"{Path.Combine(PluginsDirectory, project)}|{name}", gate);
        return gate;
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
            await Host.StopAsync();
        _home.Dispose();
    }

    /// <summary>Copies the published test plugin <paramref name="project"/> into <paramref name="target"/>, as an install would.</summary>
    public static void CopyBuiltPlugin(string project, string target)
    {
        var source = BuiltPluginFolder(project);
        if (!Directory.Exists(source))
            throw new DirectoryNotFoundException($"Test plugin not built: {source}");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
    }
}
