using CliAgentOrchestrator.Core.Terminals.Status;
using CliAgentOrchestrator.Tests.Tmux;
using static global::CliAgentOrchestrator.Plugins.Providers.TerminalStatus;

namespace CliAgentOrchestrator.Tests.Terminals;

/// <summary>
/// Completed is reported only from a screen that held still: a TUI may draw a turn's end a frame
/// before the answer's last characters, and callers read the answer as soon as they see completed.
/// </summary>
public sealed class StatusMonitorSettleTests : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    private readonly ManualTimeProvider _time = new();
    private readonly ScriptedScreen _screen = new();
    private readonly StatusMonitor _monitor;

    public StatusMonitorSettleTests()
    {
        var options = new StatusMonitorOptions { CompletedSettle = Settle, CompletedSettleChecks = 3 };
        _monitor = new StatusMonitor("0badc0de", _screen.CaptureAsync, ScriptedScreen.Detect, options, _time);
    }

    public void Dispose() => _monitor.Dispose();

    [Fact]
    public async Task Completed_is_taken_once_a_second_capture_after_the_pause_shows_the_same_screen()
    {
        await DetectAsync(Processing);
        _screen.Show(Completed);

        var detection = _monitor.DetectNowAsync();
        await Eventually.TrueAsync(() => _screen.Captures == 2, "the first capture of the completed screen");
        Assert.False(detection.IsCompleted);
        Assert.Equal(Processing, _monitor.Status);

        _time.Advance(Settle);

        Assert.Equal(Completed, await detection);
        Assert.Equal(3, _screen.Captures);
    }

    [Fact]
    public async Task A_screen_that_changed_during_the_pause_is_read_again()
    {
        await DetectAsync(Processing);
        _screen.Show(Completed);

        var detection = _monitor.DetectNowAsync();
        await Eventually.TrueAsync(() => _screen.Captures == 2, "the first capture of the completed screen");
        _screen.Show(Processing);
        _time.Advance(Settle);

        Assert.Equal(Processing, await detection);
    }

    [Fact]
    public async Task Readings_other_than_a_move_to_completed_are_taken_at_once()
    {
        Assert.Equal(Processing, await DetectAsync(Processing));
        Assert.Equal(WaitingUserAnswer, await DetectAsync(WaitingUserAnswer));
        Assert.Equal(Idle, await DetectAsync(Idle));
        Assert.Equal(3, _screen.Captures);
    }

    private Task<global::CliAgentOrchestrator.Plugins.Providers.TerminalStatus> DetectAsync(global::CliAgentOrchestrator.Plugins.Providers.TerminalStatus status)
    {
        _screen.Show(status);
        return _monitor.DetectNowAsync();
    }
}
