using CliAgentOrchestrator.Core.Terminals.Status;
using CliAgentOrchestrator.Tests.Tmux;
using static global::CliAgentOrchestrator.Plugins.Providers.TerminalStatus;

namespace CliAgentOrchestrator.Tests.Terminals;

/// <summary>The monitor's cadence and latch over a scripted screen, on manual time.</summary>
public sealed class StatusMonitorTests : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(75);
    private static readonly TimeSpan Quiescence = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(2);

    private readonly ManualTimeProvider _time = new();
    private readonly ScriptedScreen _screen = new();
    private readonly StatusMonitor _monitor;
    private readonly StatusChangeRecorder _recorder;

    public StatusMonitorTests()
    {
        // The settle pause before completed has its own tests (StatusMonitorSettleTests).
        var options = new StatusMonitorOptions { ReadyDebounce = Debounce, Quiescence = Quiescence, SafetyInterval = Safety, CompletedSettle = TimeSpan.Zero };
        _monitor = new StatusMonitor("0badc0de", _screen.CaptureAsync, ScriptedScreen.Detect, options, _time);
        _recorder = new StatusChangeRecorder(_monitor);
    }

    public void Dispose() => _monitor.Dispose();

    [Fact]
    public void TheStatusIsUnknownUntilAFirstReading()
    {
        Assert.Equal(Unknown, _monitor.Status);
        Assert.Equal(0, _screen.Captures);
    }

    [Fact]
    public async Task ABurstOfOutputCostsOneCapture()
    {
        _screen.Show(Idle);

        for (var i = 0; i < 20; i++)
            _monitor.OnOutput();
        Assert.Equal(0, _screen.Captures);
        _time.Advance(Debounce);

        await Eventually.TrueAsync(() => _monitor.Status == Idle, "idle");
        Assert.Equal(1, _screen.Captures);
    }

    [Fact]
    public async Task WhileProcessingDetectionWaitsForOutputToGoQuiet()
    {
        await ReachAsync(Processing);
        var captures = _screen.Captures;
        _screen.Show(Completed);

        for (var i = 0; i < 10; i++)
        {
            _monitor.OnOutput();
            _time.Advance(Quiescence - TimeSpan.FromMilliseconds(50));
        }
        Assert.Equal(captures, _screen.Captures);
        Assert.Equal(Processing, _monitor.Status);

        _time.Advance(TimeSpan.FromMilliseconds(50));
        await Eventually.TrueAsync(() => _monitor.Status == Completed, "completed after silence");
        Assert.Equal(captures + 1, _screen.Captures);
    }

    [Fact]
    public async Task ASafetyCheckCatchesTheEndOfProcessingWithoutOutput()
    {
        await ReachAsync(Processing);
        _screen.Show(Idle);

        _time.Advance(Safety);

        await Eventually.TrueAsync(() => _monitor.Status == Idle, "idle found by the safety check");
    }

    [Fact]
    public async Task ASteadySpinnerIsStillRecheckedPeriodically()
    {
        await ReachAsync(Processing);
        _screen.Show(Completed);

        // Output every 100 ms never lets the quiescence timer run out.
        for (var i = 0; i < 25 && _monitor.Status != Completed; i++)
        {
            _monitor.OnOutput();
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }

        await Eventually.TrueAsync(() => _monitor.Status == Completed, "completed despite the spinner");
    }

    [Fact]
    public async Task NoSafetyChecksWhileReady()
    {
        await ReachAsync(Idle);
        var captures = _screen.Captures;

        _time.Advance(Safety * 5);

        Assert.Equal(captures, _screen.Captures);
    }

    [Fact]
    public async Task GetStatusRedetectsOnlyWhenProcessingOrUnknown()
    {
        _screen.Show(Processing);
        Assert.Equal(Processing, await _monitor.GetStatusAsync());
        _screen.Show(Completed);
        Assert.Equal(Completed, await _monitor.GetStatusAsync());
        var captures = _screen.Captures;

        _screen.Show(Idle);
        Assert.Equal(Completed, await _monitor.GetStatusAsync());
        Assert.Equal(captures, _screen.Captures);
    }

    [Fact]
    public async Task TheLatchHoldsAReadyStateUntilInputIsSent()
    {
        await ReachAsync(Completed);

        _screen.Show(Processing);
        Assert.Equal(Completed, await _monitor.DetectNowAsync());
        _screen.Show(Idle);
        Assert.Equal(Completed, await _monitor.DetectNowAsync());

        _monitor.NotifyInputSent();
        _screen.Show(Processing);
        Assert.Equal(Processing, await _monitor.DetectNowAsync());
        _screen.Show(Completed);
        Assert.Equal(Completed, await _monitor.DetectNowAsync());

        await Eventually.TrueAsync(() => _recorder.Changes.Count == 3, "three changes");
        Assert.Equal([Unknown, Completed, Processing, Completed], _recorder.Path);
    }

    [Fact]
    public async Task ChangesAreReportedOnceEachAndInOrder()
    {
        foreach (var status in new[] { Processing, Processing, Idle, Idle, Completed, WaitingUserAnswer, WaitingUserAnswer, Error })
        {
            _screen.Show(status);
            await _monitor.DetectNowAsync();
        }

        await Eventually.TrueAsync(() => _recorder.Changes.Count == 5, "five changes");
        Assert.Equal([Unknown, Processing, Idle, Completed, WaitingUserAnswer, Error], _recorder.Path);
        Assert.All(_recorder.Changes, c => Assert.Equal("0badc0de", c.TerminalId));
    }

    [Fact]
    public async Task AssumingProcessingOnDispatchReportsItAtOnce()
    {
        await ReachAsync(Idle);

        _monitor.NotifyInputSent(assumeProcessing: true);

        Assert.Equal(Processing, _monitor.Status);
        await Eventually.TrueAsync(() => _recorder.Changes.Count == 2, "the assumed change reported");
        Assert.Equal([Unknown, Idle, Processing], _recorder.Path);
    }

    [Fact]
    public async Task HandlersMayCallBackIntoTheMonitor()
    {
        var seen = new List<(global::CliAgentOrchestrator.Plugins.Providers.TerminalStatus, global::CliAgentOrchestrator.Plugins.Providers.TerminalStatus)>();
        _monitor.StatusChanged += (_, change) =>
        {
            // Reading the status and arming input from the handler must not deadlock.
            lock (seen)
                seen.Add((change.Current, _monitor.Status));
            _monitor.NotifyInputSent();
        };

        await ReachAsync(Idle);

        await Eventually.TrueAsync(() => { lock (seen) return seen.Count == 1; }, "the handler ran");
    }

    [Fact]
    public async Task AFailedCaptureIsRetriedByLaterDetections()
    {
        _screen.Show(Idle);
        _screen.FailNextCapture(new InvalidOperationException("window vanished"));

        _monitor.OnOutput();
        _time.Advance(Debounce);
        await Eventually.TrueAsync(() => _screen.Captures == 1, "the failed capture");
        Assert.Equal(Unknown, _monitor.Status);

        _monitor.OnOutput();
        _time.Advance(Debounce);
        await Eventually.TrueAsync(() => _monitor.Status == Idle, "idle on the next detection");
    }

    [Fact]
    public async Task RequestedDetectionRunsWithoutOutput()
    {
        _screen.Show(Completed);

        _monitor.RequestDetection();
        _time.Advance(Debounce);

        await Eventually.TrueAsync(() => _monitor.Status == Completed, "completed");
    }

    [Fact]
    public async Task DisposingStopsDetection()
    {
        await ReachAsync(Processing);
        var captures = _screen.Captures;

        _monitor.Dispose();
        _monitor.OnOutput();
        _time.Advance(Safety * 3);

        Assert.Equal(captures, _screen.Captures);
        Assert.Equal(Processing, _monitor.Status);
    }

    [Fact]
    public async Task AHeldMonitorCapturesOnlyWhenAskedUntilReleased()
    {
        _monitor.Hold();
        _screen.Show(Processing);

        // Neither output nor the safety timer reads the screen while held.
        for (var i = 0; i < 5; i++)
        {
            _monitor.OnOutput();
            _time.Advance(Quiescence);
        }
        _monitor.RequestDetection();
        _time.Advance(Safety * 3);
        Assert.Equal(0, _screen.Captures);
        Assert.Equal(Unknown, _monitor.Status);

        // Asked explicitly, it reads the screen as always.
        _screen.Show(Idle);
        Assert.Equal(Idle, await _monitor.DetectNowAsync());
        Assert.Equal(1, _screen.Captures);

        // Released, output schedules a capture again.
        _monitor.ReleaseHold();
        _monitor.NotifyInputSent();
        _screen.Show(Completed);
        _monitor.OnOutput();
        _time.Advance(Debounce);
        await Eventually.TrueAsync(() => _monitor.Status == Completed, "completed after the hold was released");
        Assert.Equal(2, _screen.Captures);
    }

    private async Task ReachAsync(global::CliAgentOrchestrator.Plugins.Providers.TerminalStatus status)
    {
        _screen.Show(status);
        _monitor.OnOutput();
        _time.Advance(Debounce);
        await Eventually.TrueAsync(() => _monitor.Status == status, status.ToString());
    }
}
