using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Server;
using CliAgentOrchestrator.Core.Tmux;
using Microsoft.AspNetCore.Builder;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// The real cao-server in this process, on a free port, with its own temporary home, its own
/// tmux server (<c>tmux -L</c>) and compiled plugins that hook every event.
/// </summary>
internal sealed class CoreServerBench : IAsyncDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "cao-bench", Guid.NewGuid().ToString("N")[..12]);
    private readonly WebApplication _app;
    private readonly TmuxClient _tmux;

    private CoreServerBench(int plugins, IReadOnlyDictionary<string, string>? settings)
    {
        var home = Home = new CaoHome(_home).EnsureCreated();
        WorkDirectory = Directory.CreateDirectory(Path.Combine(_home, "work")).FullName;
        for (var i = 0; i < plugins; i++)
            PluginCompiler.Install(home.PluginsDirectory, $"every{i}", EveryEventHook);
        var configuration = BenchServerConfiguration.For(home.Root, settings);
        var options = ServerOptions.From(configuration);
        _tmux = new TmuxClient(options.TmuxSocket);
        _app = CaoServer.Build(configuration);
        Http = new HttpClient { BaseAddress = new Uri(options.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
    }

    // One hook for all five events, as an audit or forwarding plugin would have.
    private const string EveryEventHook = """
        public static long Seen;
        [Hook(EventTypes.PostCreateSession)]
        [Hook(EventTypes.PostKillSession)]
        [Hook(EventTypes.PostCreateTerminal)]
        [Hook(EventTypes.PostKillTerminal)]
        [Hook(EventTypes.PostSendMessage)]
        public Task OnAny(CaoEvent e)
        {
            Interlocked.Increment(ref Seen);
            return Task.CompletedTask;
        }
        """;

    public HttpClient Http { get; }

    /// <summary>The server's tmux server (its private socket).</summary>
    public TmuxClient Tmux => _tmux;

    public CaoHome Home { get; }

    /// <summary>A service of the running server, for measurements the HTTP API cannot see.</summary>
    public T Services<T>() where T : notnull => (T)_app.Services.GetService(typeof(T))!;

    public string WorkDirectory { get; }

    /// <param name="settings">Server settings by variable, beside the bench's own (e.g. <c>CAO_MCP_TRANSPORT</c>).</param>
    public static async Task<CoreServerBench> StartAsync(int plugins, IReadOnlyDictionary<string, string>? settings = null)
    {
        var bench = new CoreServerBench(plugins, settings);
        await bench._app.StartAsync();
        return bench;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _tmux.KillServerAsync();
        Http.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
