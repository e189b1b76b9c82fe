using System.Threading.Channels;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Terminals.Output;
using CliAgentOrchestrator.Core.Tmux;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CliAgentOrchestrator.Core.Terminals.Status;

/// <summary>
/// Tracks one terminal's status (reference §3.3). Output only says "something changed"; the
/// status itself is read from the rendered screen (a capture with escapes) by the provider's
/// detector, at a cadence that keeps captures rare: shortly after output starts while the agent
/// looked ready, and after output has gone quiet while it looked busy. The reported status is
/// latched (<see cref="StatusLatch"/>). <see cref="StatusChanged"/> is raised in order, on a
/// background task, never while a lock is held, so handlers may call back into the monitor.
/// Thread-safe.
/// </summary>
public sealed class StatusMonitor : IDisposable
{
    private readonly Func<CancellationToken, Task<string>> _captureScreen;
    private readonly Func<string, TerminalStatus> _detect;
    private readonly StatusMonitorOptions _options;
    private readonly ILogger _logger;
    private readonly object _gate = new(); // guards _latch, _lastReading, _detectionScheduled, _held, _disposed
    private readonly StatusLatch _latch = new();
    private readonly SemaphoreSlim _detectionGate = new(1, 1); // one capture at a time, in order
    private readonly ITimer _detectionTimer;
    private readonly ITimer _safetyTimer;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _disposing = new();
    private readonly Channel<TerminalStatusChangedEventArgs> _changes =
        Channel.CreateUnbounded<TerminalStatusChangedEventArgs>(new UnboundedChannelOptions { SingleReader = true });
    private TerminalStatus _lastReading = TerminalStatus.Unknown; // raw, before the latch: picks the cadence
    private bool _detectionScheduled;
    private bool _held; // detections on output and on the safety timer wait for ReleaseHold
    private bool _disposed;
    private long _lastCaptureTimestamp; // TimeProvider timestamp of the last capture start

    /// <param name="captureScreen">Returns the current screen (see <see cref="ForWindow"/> for tmux).</param>
    /// <param name="detect">The provider's status reader, e.g. <see cref="IProvider.GetStatus"/>.</param>
    public StatusMonitor(
        string terminalId,
        Func<CancellationToken, Task<string>> captureScreen,
        Func<string, TerminalStatus> detect,
        StatusMonitorOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        TerminalId = terminalId;
        _captureScreen = captureScreen;
        _detect = detect;
        _options = options ?? new StatusMonitorOptions();
        _logger = logger ?? NullLogger.Instance;
        var time = _time = timeProvider ?? TimeProvider.System;
        _lastCaptureTimestamp = time.GetTimestamp();
        _detectionTimer = time.CreateTimer(_ => OnDetectionTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _safetyTimer = time.CreateTimer(_ => OnSafetyTimer(), null, _options.SafetyInterval, _options.SafetyInterval);
        _ = Task.Run(DispatchChangesAsync);
    }

    /// <summary>A monitor reading the window's visible screen plus scrollback, escapes kept.</summary>
    public static StatusMonitor ForWindow(
        string terminalId,
        TmuxClient tmux,
        TmuxTarget target,
        Func<string, TerminalStatus> detect,
        StatusMonitorOptions? options = null,
        ILogger? logger = null)
    {
        var history = CaptureRange.WithHistory((options ?? new StatusMonitorOptions()).HistoryLines);
        return new StatusMonitor(
            terminalId,
            ct => tmux.CapturePaneAsync(target, history, withEscapes: true, cancellationToken: ct),
            detect,
            options,
            logger: logger);
    }

    public string TerminalId { get; }

    /// <summary>Raised once per change of <see cref="Status"/>, in order.</summary>
    public event EventHandler<TerminalStatusChangedEventArgs>? StatusChanged;

    /// <summary>The latched status; <see cref="TerminalStatus.Unknown"/> until a first reading.</summary>
    public TerminalStatus Status
    {
        get
        {
            lock (_gate)
                return _latch.Current;
        }
    }

    /// <summary>Feeds the terminal's output into the monitor. Dispose the result to stop.</summary>
    public IDisposable Follow(TerminalOutputTail tail) => tail.Subscribe(_ => OnOutput());

    /// <summary>
    /// Starts no detection of its own (on output, on the safety timer) until <see cref="ReleaseHold"/>;
    /// <see cref="DetectNowAsync"/> and <see cref="GetStatusAsync"/> still read the screen. For a CLI
    /// being started: its provider reads the screen itself on every output, so a capture of the same
    /// screen here too cost a tmux process per output (a third of those a creation ran), and the reading
    /// is only handed out once start-up brings the monitor up to date.
    /// </summary>
    public void Hold()
    {
        lock (_gate)
            _held = true;
    }

    /// <summary>Ends <see cref="Hold"/>: output schedules detections again. Call <see cref="DetectNowAsync"/> next to catch up.</summary>
    public void ReleaseHold()
    {
        lock (_gate)
            _held = false;
    }

    /// <summary>The terminal printed something: schedule a detection according to the cadence.</summary>
    public void OnOutput()
    {
        lock (_gate)
        {
            if (_disposed || _held)
                return;
            if (_lastReading == TerminalStatus.Processing)
            {
                // Restart the silence countdown: detect only once the agent stops printing.
                _detectionTimer.Change(_options.Quiescence, Timeout.InfiniteTimeSpan);
                _detectionScheduled = true;
            }
            else if (!_detectionScheduled)
            {
                _detectionTimer.Change(_options.ReadyDebounce, Timeout.InfiniteTimeSpan);
                _detectionScheduled = true;
            }
        }
    }

    /// <summary>Asks for a detection soon even without output, e.g. right after attaching.</summary>
    public void RequestDetection()
    {
        lock (_gate)
        {
            if (_disposed || _held || _detectionScheduled)
                return;
            _detectionTimer.Change(_options.ReadyDebounce, Timeout.InfiniteTimeSpan);
            _detectionScheduled = true;
        }
    }

    /// <summary>
    /// Input was sent: allow the latched ready state to step back once (to processing).
    /// With <paramref name="assumeProcessing"/> the status becomes processing at once, for
    /// providers whose screen may not show work starting before it is already done.
    /// </summary>
    public void NotifyInputSent(bool assumeProcessing = false)
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            var previous = _latch.Current;
            if (assumeProcessing)
            {
                _lastReading = TerminalStatus.Processing;
                if (_latch.Force(TerminalStatus.Processing))
                    _changes.Writer.TryWrite(new(TerminalId, previous, TerminalStatus.Processing));
            }
            else
            {
                _latch.ArmRevert();
            }
        }
    }

    /// <summary>
    /// The status for a poller: the latched value, re-detected first when it is processing or
    /// unknown, so pollers see the move to ready without waiting for the quiescence timer.
    /// </summary>
    public async Task<TerminalStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var status = Status;
        return status is TerminalStatus.Processing or TerminalStatus.Unknown
            ? await DetectNowAsync(cancellationToken).ConfigureAwait(false)
            : status;
    }

    /// <summary>Captures the screen now, applies the reading and returns the latched status.</summary>
    public async Task<TerminalStatus> DetectNowAsync(CancellationToken cancellationToken = default)
    {
        await _detectionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _disposed))
                return Status;
            Interlocked.Exchange(ref _lastCaptureTimestamp, _time.GetTimestamp());
            var screen = await _captureScreen(cancellationToken).ConfigureAwait(false);
            var reading = await SettledReadingAsync(screen, _detect(screen), cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (_disposed)
                    return _latch.Current;
                _lastReading = reading;
                var previous = _latch.Current;
                if (_latch.Apply(reading))
                    _changes.Writer.TryWrite(new(TerminalId, previous, _latch.Current));
                return _latch.Current;
            }
        }
        finally
        {
            _detectionGate.Release();
        }
    }

    // A move to completed waits for the screen to hold still (see StatusMonitorOptions.CompletedSettle);
    // every other reading is taken at once.
    private async Task<TerminalStatus> SettledReadingAsync(string screen, TerminalStatus reading, CancellationToken cancellationToken)
    {
        for (var check = 0; check < _options.CompletedSettleChecks && _options.CompletedSettle > TimeSpan.Zero; check++)
        {
            lock (_gate)
                if (reading != TerminalStatus.Completed || _latch.Current == TerminalStatus.Completed)
                    return reading;
            await Task.Delay(_options.CompletedSettle, _time, cancellationToken).ConfigureAwait(false);
            var again = await _captureScreen(cancellationToken).ConfigureAwait(false);
            if (again == screen)
                return reading;
            screen = again;
            reading = _detect(screen);
        }
        return reading;
    }

    /// <summary>Stops timers; changes already detected are still delivered.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        _detectionTimer.Dispose();
        _safetyTimer.Dispose();
        _disposing.Cancel();
        _changes.Writer.TryComplete();
    }

    private void OnDetectionTimer()
    {
        lock (_gate)
        {
            // Cleared before capturing, so output that arrives during the capture schedules a
            // fresh detection instead of being covered by a screen taken too early.
            _detectionScheduled = false;
            if (_disposed)
                return;
        }
        _ = DetectInBackgroundAsync();
    }

    private void OnSafetyTimer()
    {
        lock (_gate)
        {
            if (_disposed || _held)
                return;
            var stuckCandidate = _latch.Current is TerminalStatus.Processing or TerminalStatus.Unknown || _latch.RevertArmed;
            // A pending quiescence timer is no reason to wait: steady output (a spinner) keeps
            // pushing it back. A capture within the last half interval is: it already saw the screen.
            var sinceCapture = _time.GetElapsedTime(Interlocked.Read(ref _lastCaptureTimestamp));
            if (!stuckCandidate || sinceCapture < _options.SafetyInterval / 2)
                return;
        }
        _ = DetectInBackgroundAsync();
    }

    private async Task DetectInBackgroundAsync()
    {
        try
        {
            await DetectNowAsync(_disposing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
        {
            // Disposed while waiting.
        }
        catch (TmuxCommandException e)
        {
            // Typically the window vanished: the terminal watchdog reports that once, so no stack per tick here.
            _logger.LogDebug("Status detection for terminal {TerminalId} failed: {Problem}", TerminalId, e.Message);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Status detection for terminal {TerminalId} failed", TerminalId);
        }
    }

    private async Task DispatchChangesAsync()
    {
        await foreach (var change in _changes.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                StatusChanged?.Invoke(this, change);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "A StatusChanged handler of terminal {TerminalId} failed", TerminalId);
            }
        }
    }
}
