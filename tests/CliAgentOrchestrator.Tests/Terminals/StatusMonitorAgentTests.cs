using CliAgentOrchestrator.Core.Terminals.Input;
using CliAgentOrchestrator.Core.Terminals.Output;
using CliAgentOrchestrator.Core.Terminals.Status;
using CliAgentOrchestrator.Tests.Tmux;
using CliAgentOrchestrator.Core.Tmux;
using static CliAgentOrchestrator.Plugins.Providers.TerminalStatus;

namespace CliAgentOrchestrator.Tests.Terminals;

/// <summary>The whole pipeline on a real window: fake agent → pipe-pane → log → tail → monitor.</summary>
public sealed class StatusMonitorAgentTests : IAsyncLifetime
{
    private static readonly TerminalInputOptions OneEnter = new(1, TimeSpan.FromMilliseconds(100));

    private readonly TmuxTestServer _server = new();
    private readonly TerminalInputSender _sender;
    private readonly string _log;
    private readonly List<IDisposable> _cleanup = [];
    private TerminalOutputService? _output;

    public StatusMonitorAgentTests()
    {
        _sender = new TerminalInputSender(_server.Client);
        _log = TerminalLogPaths.For(Path.Combine(_server.TempDirectory, "home"), "0badc0de");
    }

    private TmuxClient Tmux => _server.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var item in _cleanup)
            item.Dispose();
        if (_output is not null)
            await _output.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AnAnsweredMessageGoesFromIdleThroughProcessingToCompleted()
    {
        var (target, monitor, changes) = await StartAsync();
        await Eventually.TrueAsync(() => monitor.Status == Idle, "idle at the prompt");

        await SendAsync(monitor, target, "hello there");

        await Eventually.TrueAsync(() => monitor.Status == Completed, "completed after the answer");
        await Eventually.TrueAsync(() => changes.Path.LastOrDefault() == Completed, "the completed change reported");
        var path = changes.Path;
        Assert.Equal(Unknown, path[0]);
        Assert.Equal([Idle, Processing, Completed], path.SkipWhile(s => s != Idle).ToList());
        Assert.Contains("> MOCK: hello there", await Tmux.CapturePaneAsync(target, CaptureRange.Visible));
    }

    [Fact]
    public async Task TypingWithoutSendingInputDoesNotUnlatchAReadyState()
    {
        var (target, monitor, changes) = await StartAsync();
        await SendAsync(monitor, target, "first");
        await Eventually.TrueAsync(() => monitor.Status == Completed, "completed");
        var reported = changes.Changes.Count;

        // A keystroke that did not go through send-input: the screen now reads as processing.
        await Tmux.SendKeyAsync(target, "x");
        await Eventually.TrueAsync(async () => FakeAgent.Detect(await CaptureAsync(target)) == Processing, "the screen to read processing");

        Assert.Equal(Completed, await monitor.DetectNowAsync());
        Assert.Equal(reported, changes.Changes.Count);
    }

    [Fact]
    public async Task ACompletedAnswerScrollingAwayDoesNotTurnIntoIdle()
    {
        var (target, monitor, changes) = await StartAsync();
        await SendAsync(monitor, target, "first");
        await Eventually.TrueAsync(() => monitor.Status == Completed, "completed");

        // The agent clears its screen on its own (no input was sent through CAO).
        await Tmux.LoadBufferAsync("clear", "__clear__\n"u8.ToArray());
        await Tmux.PasteBufferAsync(target, "clear", PasteMode.Raw);
        await Eventually.TrueAsync(async () => FakeAgent.Detect(await CaptureAsync(target)) == Idle, "the screen to read idle");

        Assert.Equal(Completed, await monitor.DetectNowAsync());
        Assert.Equal(Completed, monitor.Status);
    }

    [Fact]
    public async Task ASpinningAgentIsCapturedRarelyAndStillSeenToFinish()
    {
        var captures = 0;
        var (target, monitor, _) = await StartAsync(onCapture: () => Interlocked.Increment(ref captures));
        await Eventually.TrueAsync(() => monitor.Status == Idle, "idle at the prompt");
        var before = Volatile.Read(ref captures);

        await SendAsync(monitor, target, "__spin__");

        await Eventually.TrueAsync(() => monitor.Status == Completed, "completed after spinning");
        // 15 spinner frames, 100 ms apart: one capture per frame would be 15 or more.
        Assert.InRange(Volatile.Read(ref captures) - before, 1, 8);
    }

    [Fact]
    public async Task AQuestionIsWaitingUserAnswerUntilAnswered()
    {
        var (target, monitor, _) = await StartAsync();
        await SendAsync(monitor, target, "__ask__");
        await Eventually.TrueAsync(() => monitor.Status == WaitingUserAnswer, "waiting for an answer");

        monitor.NotifyInputSent();
        await _sender.SendSpecialKeyAsync(target, "y");
        await _sender.SendSpecialKeyAsync(target, "Enter");

        await Eventually.TrueAsync(() => monitor.Status == Completed, "completed after the answer");
        Assert.Contains("> MOCK: answered y", await CaptureAsync(target));
    }

    [Fact]
    public async Task AfterARestartANewMonitorFindsTheStatusAndFollowsNewWork()
    {
        var (target, first, _) = await StartAsync();
        await SendAsync(first, target, "before restart");
        await Eventually.TrueAsync(() => first.Status == Completed, "completed before the restart");

        // Server restart: monitor and tail go away, the agent and tmux's pipe stay.
        first.Dispose();
        await _output!.DisposeAsync();
        _output = new TerminalOutputService(Tmux);
        var tail = await _output.AttachAsync("0badc0de", target, _log, resumeFromEnd: true);
        var second = StatusMonitor.ForWindow("0badc0de", Tmux, target, FakeAgent.Detect);
        _cleanup.Add(second);
        var changes = new StatusChangeRecorder(second);
        _cleanup.Add(second.Follow(tail));
        second.RequestDetection();

        await Eventually.TrueAsync(() => second.Status == Completed, "completed found from the screen");
        await SendAsync(second, target, "after restart");
        await Eventually.TrueAsync(() => changes.Path.Count >= 3 && changes.Path[^1] == Completed, "the new answer completed");
        Assert.Equal([Unknown, Completed, Processing, Completed], changes.Path);
    }

    private async Task<(TmuxTarget Target, StatusMonitor Monitor, StatusChangeRecorder Changes)> StartAsync(Action? onCapture = null)
    {
        var target = await FakeAgent.StartAsync(_server);
        _output = new TerminalOutputService(Tmux);
        var tail = await _output.AttachAsync("0badc0de", target, _log, resumeFromEnd: false);
        var monitor = new StatusMonitor(
            "0badc0de",
            ct =>
            {
                onCapture?.Invoke();
                return Tmux.CapturePaneAsync(target, CaptureRange.WithHistory(200), withEscapes: true, cancellationToken: ct);
            },
            FakeAgent.Detect);
        _cleanup.Add(monitor);
        var changes = new StatusChangeRecorder(monitor);
        _cleanup.Add(monitor.Follow(tail));
        // The agent may have drawn its prompt before the pipe started.
        monitor.RequestDetection();
        return (target, monitor, changes);
    }

    private async Task SendAsync(StatusMonitor monitor, TmuxTarget target, string text)
    {
        // As the terminal service does: arm the latch, then deliver.
        monitor.NotifyInputSent();
        await _sender.SendTextAsync(target, text, OneEnter);
    }

    private Task<string> CaptureAsync(TmuxTarget target) =>
        Tmux.CapturePaneAsync(target, CaptureRange.WithHistory(200), withEscapes: true);
}
