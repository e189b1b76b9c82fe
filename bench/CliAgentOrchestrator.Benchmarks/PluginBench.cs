using System.Diagnostics;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>A temporary plugins folder with compiled plugins, and a host loaded over it.</summary>
internal sealed class PluginBench : IAsyncDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "cao-bench", Guid.NewGuid().ToString("N")[..12]);

    public string PluginsRoot => Path.Combine(_home, "plugins");

    public PluginHost? Host { get; private set; }

    /// <summary>Adds a plugin whose hook(s) call the sink registered under <paramref name="sinkKey"/>.</summary>
    public void AddSinkPlugin(string name, string sinkKey, int hooks = 1, string? beforeSink = null)
    {
        var methods = string.Concat(Enumerable.Range(0, hooks).Select(i => $$"""
            private readonly Action<CaoEvent> _sink{{i}} = Sink("{{sinkKey}}");
            [Hook(EventTypes.PostSendMessage)]
            public {{(beforeSink is null ? "" : "async ")}}Task On{{i}}(PostSendMessageEvent e)
            {
                {{beforeSink}}
                _sink{{i}}(e);
                {{(beforeSink is null ? "return Task.CompletedTask;" : "")}}
            }
            """));
        PluginCompiler.Install(PluginsRoot, name, methods);
    }

    public void AddPlugin(string name, string members) => PluginCompiler.Install(PluginsRoot, name, members);

    public async Task<PluginHost> StartAsync(PluginHostOptions options)
    {
        Host = new PluginHost(options, NullLoggerFactory.Instance);
        await Host.LoadAsync(PluginDiscovery.Discover([PluginsRoot]), [], CancellationToken.None);
        if (Host.Describe().FirstOrDefault(p => p.Status != PluginStatus.Loaded) is { } failed)
            throw new InvalidOperationException($"bench plugin {failed.Name} failed: {failed.Error}");
        return Host;
    }

    public static void SetSink(string key, Action<CaoEvent> sink) => AppDomain.CurrentDomain.SetData(key, sink);

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
            await Host.StopAsync();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static long Now() => Stopwatch.GetTimestamp();
}
