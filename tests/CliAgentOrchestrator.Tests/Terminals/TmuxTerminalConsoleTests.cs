using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Core.Terminals.Input;
using CliAgentOrchestrator.Core.Terminals.Output;
using CliAgentOrchestrator.Core.Terminals.Status;
using CliAgentOrchestrator.Tests.Tmux;
using CliAgentOrchestrator.Core.Tmux;
using static CliAgentOrchestrator.Plugins.Providers.TerminalStatus;

namespace CliAgentOrchestrator.Tests.Terminals;

/// <summary>The console a provider drives while launching its CLI, over a real window.</summary>
public sealed class TmuxTerminalConsoleTests : IAsyncLifetime
{
    private readonly TmuxTestServer _server = new();
    private TerminalOutputService? _output;
    private StatusMonitor? _monitor;

    private TmuxClient Tmux => _server.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _monitor?.Dispose();
        if (_output is not null)
            await _output.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AProviderCanLaunchItsCliFromTheShellAndSeeItBecomeReady()
    {
        var target = await _server.StartBashAsync();
        var script = _server.WriteScript("fake_agent.sh", FakeAgent.Script);
        _output = new TerminalOutputService(Tmux);
        var tail = await _output.AttachAsync("0badc0de", target, TerminalLogPaths.For(_server.TempDirectory, "0badc0de"), resumeFromEnd: false);
        _monitor = StatusMonitor.ForWindow("0badc0de", Tmux, target, FakeAgent.Detect);
        using var following = _monitor.Follow(tail);
        var console = new TmuxTerminalConsole("0badc0de", target, panePid: null, Tmux, new TerminalInputSender(Tmux), _monitor, tail);

        Assert.Equal("0badc0de", console.TerminalId);
        Assert.Equal("bash", await console.CurrentCommandAsync(CancellationToken.None));
        await console.RunCommandAsync("bash " + ShellQuote.Single(script) + " 1", CancellationToken.None);

        await Eventually.TrueAsync(() => console.CurrentStatus == Idle, "the CLI to be ready");
        var screen = await console.CaptureAsync(50, CancellationToken.None);
        Assert.Contains("FakeAgent ready.", screen);
        Assert.DoesNotContain("\e[", screen);

        await console.SendKeyAsync("C-c", CancellationToken.None);
        await Eventually.PromptAsync(Tmux, target);
    }

    [Fact]
    public async Task WaitingForOutputEndsWhenThePanePrintsNotAtTheLimit()
    {
        var target = await _server.StartBashAsync();
        _output = new TerminalOutputService(Tmux);
        var tail = await _output.AttachAsync("0badc0de", target, TerminalLogPaths.For(_server.TempDirectory, "0badc0de"), resumeFromEnd: false);
        _monitor = StatusMonitor.ForWindow("0badc0de", Tmux, target, FakeAgent.Detect);
        var console = new TmuxTerminalConsole("0badc0de", target, panePid: null, Tmux, new TerminalInputSender(Tmux), _monitor, tail);
        await console.CaptureAsync(0, CancellationToken.None);

        // A limit no test run reaches: only the printed text can end this wait.
        var waiting = console.WaitForOutputAsync(TimeSpan.FromHours(1), CancellationToken.None);
        var before = tail.Position;
        await console.RunCommandAsync("echo printed-now", CancellationToken.None);
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(tail.Position > before, "the wait ended before anything was printed");

        // Printed after the last capture and before the wait began: the wait returns at once.
        await console.RunCommandAsync("echo printed-before-the-wait", CancellationToken.None);
        // Its output line, not the typed command: bash prints it after a carriage return.
        await Eventually.TrueAsync(() => tail.GetBufferedText().Contains("\rprinted-before-the-wait", StringComparison.Ordinal), "the second echo to reach the log");
        await console.WaitForOutputAsync(TimeSpan.FromHours(1), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task WithTheShellPidKnownTheForegroundIsNamedAsTmuxNamesItWithoutAskingTmux()
    {
        var target = await _server.StartBashAsync();
        var panePid = int.Parse(await Tmux.DisplayAsync(target, "#{pane_pid}"), System.Globalization.CultureInfo.InvariantCulture);
        _output = new TerminalOutputService(Tmux);
        var tail = await _output.AttachAsync("0badc0de", target, TerminalLogPaths.For(_server.TempDirectory, "0badc0de"), resumeFromEnd: false);
        _monitor = StatusMonitor.ForWindow("0badc0de", Tmux, target, FakeAgent.Detect);
        // A tmux that cannot run: any tmux process the console started would throw.
        var noTmux = new TmuxClient(Tmux.SocketName, executable: Path.Combine(_server.TempDirectory, "no-tmux-here"));
        var console = new TmuxTerminalConsole("0badc0de", target, panePid, noTmux, new TerminalInputSender(noTmux), _monitor, tail);

        Assert.Equal(await Tmux.GetPaneCurrentCommandAsync(target), await console.CurrentCommandAsync(CancellationToken.None));
        Assert.Equal("bash", await console.CurrentCommandAsync(CancellationToken.None));

        await Tmux.PasteAsync(target, "sleep", "sleep 120"u8.ToArray(), PasteMode.Raw, ["Enter"]);
        await Eventually.TrueAsync(async () => await console.CurrentCommandAsync(CancellationToken.None) == "sleep", "the console to name the program in front");
        Assert.Equal(await Tmux.GetPaneCurrentCommandAsync(target), await console.CurrentCommandAsync(CancellationToken.None));
        await Tmux.SendKeyAsync(target, "C-c");
    }
}
