using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Tests.Tmux;

/// <summary>
/// A private tmux server (own <c>-L</c> socket) and a temp directory for one test. Disposing
/// kills that server only, so tests never touch an operator's tmux or each other's.
/// </summary>
public sealed class TmuxTestServer : IAsyncLifetime
{
    private int _sessions;

    public TmuxTestServer()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        Client = new TmuxClient("cao-test-" + id);
        TempDirectory = Path.Combine(Path.GetTempPath(), "cao-test-" + id);
        Directory.CreateDirectory(TempDirectory);
        // bash replaces an inherited PS1 with its default, so the prompt comes from an rc file.
        var rcFile = Path.Combine(TempDirectory, "bashrc");
        File.WriteAllText(rcFile, "PS1='$ '\n");
        BashCommand = "exec bash --noprofile --rcfile " + CliAgentOrchestrator.Plugins.Providers.ShellQuote.Single(rcFile);
    }

    public TmuxClient Client { get; }

    /// <summary>Deleted on dispose; not under /tmp directly so it is a valid working directory.</summary>
    public string TempDirectory { get; }

    /// <summary>A session name unique within this server, <c>cao-</c> prefixed like the real ones.</summary>
    public string NewSessionName() => $"cao-t{Interlocked.Increment(ref _sessions)}";

    /// <summary>
    /// A session whose first window runs a clean bash (no rc files, prompt <c>$ </c>), so screens
    /// look the same on every machine. Returns the window.
    /// </summary>
    public async Task<TmuxTarget> StartBashAsync(string window = "agent-0001", IReadOnlyDictionary<string, string>? environment = null)
    {
        var session = NewSessionName();
        await Client.NewSessionAsync(session, window, TempDirectory, WithTestEnvironment(environment), BashCommand);
        var target = new TmuxTarget(session, window);
        await Eventually.PromptAsync(Client, target);
        return target;
    }

    /// <summary>A session whose window runs <paramref name="command"/> through <c>sh -c</c>.</summary>
    public async Task<TmuxTarget> StartCommandAsync(string command, string window = "agent-0001")
    {
        var session = NewSessionName();
        await Client.NewSessionAsync(session, window, TempDirectory, WithTestEnvironment(null), command);
        return new TmuxTarget(session, window);
    }

    /// <summary>A clean bash with the prompt <c>$ </c> (shown as <c>$</c>: captures trim trailing spaces).</summary>
    public string BashCommand { get; }

    /// <summary>Writes a script (run it as <c>bash &lt;path&gt;</c>) into the temp directory and returns its path.</summary>
    public string WriteScript(string name, string content)
    {
        var path = Path.Combine(TempDirectory, name);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Client.KillServerAsync();
        // tmux 3.3 leaves its socket file behind when it exits; remove it so runs leave no litter.
        File.Delete(SocketPath());
        try
        {
            Directory.Delete(TempDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A process of the killed server may still be closing a file; the OS cleans /tmp.
        }
    }

    /// <summary>Where tmux puts a <c>-L</c> socket: $TMUX_TMPDIR (or /tmp)/tmux-&lt;uid&gt;/&lt;name&gt;.</summary>
    private string SocketPath()
    {
        var uid = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            .Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[1];
        var directory = Environment.GetEnvironmentVariable("TMUX_TMPDIR") is { Length: > 0 } tmp ? tmp : "/tmp";
        return Path.Combine(directory, "tmux-" + uid, Client.SocketName!);
    }

    private static Dictionary<string, string> WithTestEnvironment(IReadOnlyDictionary<string, string>? environment)
    {
        var result = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["LANG"] = "C.UTF-8",
            ["TERM"] = "xterm-256color",
        };
        return result;
    }
}
