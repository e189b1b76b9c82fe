using CliAgentOrchestrator.Client;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Server;

namespace CliAgentOrchestrator.Cli;

/// <summary>
/// What every <c>cao</c> command needs from the outside world: where the server is, the CAO home,
/// the environment, and whether a person sits at the terminal. It is the one context of the command
/// line: <see cref="CaoRootCommand"/> hands it to every command. Program.cs builds it from the process;
/// tests build their own so nothing mutates process-wide state. Output goes to the writers of the
/// <see cref="System.CommandLine.InvocationConfiguration"/>, not here, so parse errors and command
/// output land in the same place.
/// </summary>
public sealed record CliContext
{
    /// <summary>cao-server's base address.</summary>
    public required Uri ServerUrl { get; init; }

    /// <summary>The CAO home (<c>CAO_HOME_DIR</c>); install and info read it directly, without the server.</summary>
    public required CaoHome Home { get; init; }

    /// <summary>Extra plugin folders (<c>CAO_PLUGIN_PATH</c>), searched after <c>$CAO_HOME_DIR/plugins</c>.</summary>
    public string? PluginPath { get; init; }

    /// <summary>The private tmux server the CAO server uses (<c>CAO_TMUX_SOCKET</c>), for <c>tmux -L</c>; null for the default server.</summary>
    public string? TmuxSocket { get; init; }

    /// <summary>
    /// The environment the commands see (<c>CAO_SESSION_NAME</c>, <c>TMUX</c>, <c>CAO_AGENTS_DIR</c>,
    /// <c>CAO_PLUGIN_PATH</c>, <c>CAO_PLUGIN_&lt;NAME&gt;_…</c>). A map rather than a lookup because
    /// plugin settings enumerate their overrides; by default a snapshot of the process's.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = ProcessEnvironment();

    /// <summary>The user's home, for <c>~/.kiro/agents</c>.</summary>
    public string UserHome { get; init; } = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    /// <summary>Stdin is a terminal: confirmations may be asked and <c>tmux attach</c> can work.</summary>
    public bool Interactive { get; init; }

    /// <summary>Stderr is a terminal: spinners are drawn there. Off when piped, so logs stay clean.</summary>
    public bool ShowProgress { get; init; }

    /// <summary>Where answers to confirmations are read from.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>How often terminal status is polled while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a new terminal may take to become idle (Python: 120 s).</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long an agent may work on a message before the CLI gives up (Python: 300 s).</summary>
    public TimeSpan DoneTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Per-request HTTP timeout (Python: <c>CAO_MCP_REQUEST_TIMEOUT</c>, 30 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>One variable of <see cref="Environment"/>; null when unset.</summary>
    public string? Variable(string name) => Environment.GetValueOrDefault(name);

    /// <summary>A client of <see cref="ServerUrl"/>; the caller disposes it.</summary>
    public CaoApiClient CreateClient(TimeSpan? timeout = null) =>
        new(new HttpClient { BaseAddress = ServerUrl, Timeout = timeout ?? RequestTimeout });

    /// <summary>The context of the running process: <c>CAO_API_HOST</c>/<c>CAO_API_PORT</c>, <c>CAO_HOME_DIR</c>, <c>CAO_TMUX_SOCKET</c> from <paramref name="configuration"/>, and the real console.</summary>
    public static CliContext FromConfiguration(IConfiguration configuration)
    {
        var options = ServerOptions.From(configuration);
        // A server bound to every interface is still reached through loopback.
        var host = options.Host is "0.0.0.0" or "::" ? "127.0.0.1" : options.Host;
        return new CliContext
        {
            ServerUrl = new Uri($"http://{host}:{options.Port}"),
            Home = CaoHome.FromConfiguration(configuration),
            TmuxSocket = string.IsNullOrEmpty(options.TmuxSocket) ? null : options.TmuxSocket,
            PluginPath = configuration.Bind<PluginHostOptions>(PluginHostOptions.Section).PluginPath,
            Interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected,
            ShowProgress = !Console.IsErrorRedirected,
            Input = Console.In,
        };
    }

    private static Dictionary<string, string> ProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
}
