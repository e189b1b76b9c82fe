using System.Diagnostics;
using System.Globalization;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Tests.Support;

/// <summary>
/// A real <c>cao server</c> process (the built cao.dll) with its own CAO_HOME_DIR, port and private
/// tmux server, which a test can <c>kill -9</c> and start again on the same home: the agents'
/// terminals survive because tmux keeps them.
/// </summary>
public sealed class CaoServerProcess : IAsyncDisposable
{
    private readonly TempDirectory _home = new();
    private Process? _process;

    public CaoServerProcess()
    {
        Home = new CaoHome(_home.Path).EnsureCreated();
        WorkDirectory = Directory.CreateDirectory(Path.Combine(_home.Path, "work")).FullName;
        Port = LoopbackPort.Free();
        TmuxSocket = "cao-it-" + Guid.NewGuid().ToString("N")[..10];
        Tmux = new TmuxClient(TmuxSocket);
    }

    public CaoHome Home { get; }
    public string WorkDirectory { get; }
    public int Port { get; }
    public string TmuxSocket { get; }
    public TmuxClient Tmux { get; }

    /// <summary>Extra variables for the server process (and, through its allow-list, its agents), e.g. a private HOME and PATH.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>A client for the running process; a new one after each start, so no pooled connection to a killed server is reused.</summary>
    public HttpClient Http { get; private set; } = new();

    /// <summary>Starts the server and waits until <c>/health</c> answers.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [CaoProcess.Dll, "server"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("CAO_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        start.Environment[CaoSettings.Home.Variable] = Home.Root;
        start.Environment[CaoSettings.ApiPort.Variable] = Port.ToString(CultureInfo.InvariantCulture);
        start.Environment[CaoSettings.TmuxSocket.Variable] = TmuxSocket;
        foreach (var (name, value) in Environment)
            start.Environment[name] = value;
        _process = Process.Start(start)!;
        // Drained so a chatty server never blocks on a full pipe; the log file under the home keeps it all.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Http.Dispose();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };
        var process = _process;
        await Poll.UntilAsync(async () =>
        {
            if (process.HasExited)
                throw new InvalidOperationException($"cao server exited with {process.ExitCode} while starting");
            try
            {
                using var response = await Http.GetAsync("/health");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "cao server to answer /health", TimeSpan.FromSeconds(60));
    }

    /// <summary><c>kill -9</c>: no shutdown code runs, exactly as when the machine or the process dies.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
            return;
        _process.Kill(entireProcessTree: false); // SIGKILL; tmux is its own daemon and lives on
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        await Tmux.KillServerAsync();
        Http.Dispose();
        _home.Dispose();
    }
}
