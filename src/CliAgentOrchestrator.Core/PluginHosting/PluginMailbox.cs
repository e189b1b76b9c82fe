using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics;
using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// One plugin's bounded queue and its reader: a thread of the plugin's own that takes events in the
/// order they were posted and calls the plugin's hooks on itself, one after another. Posting never
/// blocks and never throws; a full queue drops its oldest event. Running hooks on the reader's own
/// thread (not the thread pool, not a thread per call) is what keeps emit-to-hook latency in
/// microseconds: one wake-up per event, none per hook. A hook that blocks blocks only this plugin; at
/// its timeout the call is abandoned and a fresh reader thread carries on with the next hook
/// (<see cref="PluginMailbox"/>'s watchdog part). A reload pauses the reader between events (intake
/// stays open, so events wait in the queue), swaps in the new instance's hooks and resumes.
/// </summary>
internal sealed partial class PluginMailbox
{
    private readonly string _pluginName;
    private FrozenDictionary<string, HookInvoker[]> _hooks;
    private readonly PluginHostOptions _options;
    private readonly ILogger _logger;
    // Lock-free on both sides: posting is an enqueue and a counter, the reader never takes a lock the
    // publisher needs. _queued bounds it (the publisher drops the oldest past the capacity).
    private readonly ConcurrentQueue<Delivery> _queue = new();
    private long _queued;
    private volatile bool _completed; // intake stopped: posts are refused (counted as dropped)
    private int _finished; // 1 once the reader is done: a post that slipped in after Complete counts itself as dropped
    private readonly ManualResetEventSlim _available = new(); // set for a reader that waits: by a post, Complete, a pause or shutdown
    private int _readerWaiting; // 1 while the reader waits (or is about to) on _available: only then does a post set it
    private readonly ManualResetEventSlim _resumed = new(initialState: true); // reset while a reload holds the reader
    private volatile bool _pauseRequested;
    private readonly Lock _pauseGate = new(); // guards the pause request, _pausedAt and _resumed together
    private TaskCompletionSource _pausedAt = new(TaskCreationOptions.RunContinuationsAsynchronously); // the reader stopped for the pause
    private readonly CancellationTokenSource _abort = new(); // cancelled when shutdown stops waiting
    private CancellationTokenSource _hookCancellation; // handed to hooks; replaced once it was cancelled by a timeout
    private readonly TaskCompletionSource _readerDone = new(TaskCreationOptions.RunContinuationsAsynchronously); // the live reader finished
    private long _delivered;
    private long _failed;
    private long _dropped;
    private long _droppedSinceWarning;
    private long _lastWarningTicks; // 0 = never warned
    private readonly Action<string> _onAbandoned;
    private int _abandonedRunning; // hook calls given up on that still hold their thread

    /// <summary>Abandoned hook calls still running, past which the plugin's hooks are skipped (counted as failures).</summary>
    internal const int MaxAbandonedRunning = 4;

    /// <param name="onAbandoned">Called with the hook's name each time a hook call is given up on (timeout or shutdown) while still running.</param>
    public PluginMailbox(string pluginName, IEnumerable<HookInvoker> hooks, PluginHostOptions options, ILogger logger, Action<string>? onAbandoned = null)
    {
        _onAbandoned = onAbandoned ?? (_ => { });
        _pluginName = pluginName;
        _hooks = Group(hooks);
        _options = options;
        _logger = logger;
        _hookCancellation = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        _abort.Token.Register(_available.Set); // once, rather than a registration per wait
    }

    /// <summary>The event types this plugin has hooks for.</summary>
    public IEnumerable<string> EventTypes => _hooks.Keys;

    public PluginCounters Counters => new(
        Interlocked.Read(ref _delivered), Interlocked.Read(ref _failed), Interlocked.Read(ref _dropped),
        Math.Max(0, Interlocked.Read(ref _queued)));

    public void Start() => StartReader(inherited: null);

    /// <summary>Queues <paramref name="e"/>; after <see cref="Complete"/> the event is counted as dropped.</summary>
    public void Post(CaoEvent e)
    {
        if (!TryQueue(new Delivery(e, null)))
            Interlocked.Increment(ref _dropped);
    }

    /// <summary>Queues a synthetic event whose hook outcomes are reported to <paramref name="trial"/>.</summary>
    public void Post(HookTrial trial)
    {
        if (!TryQueue(new Delivery(trial.Event, trial)))
        {
            Interlocked.Increment(ref _dropped);
            trial.Lost("the plugin's queue no longer takes events (the server is stopping)");
        }
    }

    /// <summary>True while a reload holds the reader.</summary>
    public bool Paused => _pauseRequested;

    /// <summary>
    /// Stops delivering after the event being delivered now (a stuck hook is waited for up to its
    /// timeout) and holds the reader until <see cref="Resume"/>; new events keep queueing meanwhile.
    /// </summary>
    public async Task PauseAsync()
    {
        RequestPause();
        await Task.WhenAny(_pausedAt.Task, _readerDone.Task).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks the reader to stop after the event it is delivering now, at once and without waiting:
    /// an isolated plugin whose child just died must not have its queued events fail one by one
    /// before <see cref="PauseAsync"/> (which waits) gets the reader.
    /// </summary>
    public void RequestPause()
    {
        lock (_pauseGate)
        {
            if (_pauseRequested)
                return; // still paused (say, since a reload whose new build failed to load)
            _pausedAt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _resumed.Reset();
            _pauseRequested = true;
        }
        _available.Set();
    }

    /// <summary>Hands the queued and future events to <paramref name="hooks"/> (the reloaded instance's) and lets the reader go on.</summary>
    public void Resume(IEnumerable<HookInvoker> hooks)
    {
        _hooks = Group(hooks);
        lock (_pauseGate)
        {
            _pauseRequested = false;
            _resumed.Set();
        }
    }

    /// <summary>Stops intake; the reader finishes what is queued.</summary>
    public void Complete()
    {
        _completed = true;
        _available.Set();
    }

    /// <summary>Waits until the queue is empty, or gives up at <paramref name="deadline"/> and counts what is left as dropped.</summary>
    public async Task DrainAsync(Task deadline)
    {
        // A paused plugin has no instance to deliver to (its reload failed): nothing will drain.
        if (_pauseRequested)
            await _abort.CancelAsync().ConfigureAwait(false);
        if (await Task.WhenAny(_readerDone.Task, deadline).ConfigureAwait(false) == _readerDone.Task)
            return;
        await _abort.CancelAsync().ConfigureAwait(false);
        AbandonBlockedCall(timedOut: false); // a hook blocking the reader's thread must not hold up the shutdown
        await _readerDone.Task.ConfigureAwait(false);
    }

    // A child of the operation that published the event (its traceparent), so a plugin's work shows
    // in the operation's trace even though it runs later, on the plugin's own queue.
    private Activity? StartHookSpan(HookInvoker hook, CaoEvent e)
    {
        if (!CaoTelemetry.Tracing)
            return null;
        var span = CaoTelemetry.Source.StartActivity(CaoTelemetry.Spans.PluginHook, ActivityKind.Consumer, CaoTelemetry.ParseTraceparent(e.Traceparent));
        span?.SetTag(CaoTelemetry.Attributes.Plugin, _pluginName);
        span?.SetTag(CaoTelemetry.Attributes.Hook, hook.MethodName);
        span?.SetTag(CaoTelemetry.Attributes.EventType, e.EventType);
        return span;
    }

    private void RecordDuration(CaoEvent e, string outcome, TimeSpan elapsed) =>
        CaoTelemetry.HookDuration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>(CaoTelemetry.Attributes.Plugin, _pluginName),
            new KeyValuePair<string, object?>(CaoTelemetry.Attributes.EventType, e.EventType),
            new KeyValuePair<string, object?>(CaoTelemetry.Attributes.Outcome, outcome));
    // Adds the outcome to a cao plugin test's report; an ordinary event builds none. Always true: the call is over.
    private static bool Report(Cursor cursor, HookInvoker hook, string outcome, double durationMs, string? exceptionType = null, string? message = null)
    {
        cursor.Outcomes?.Add(Outcome(hook, outcome, durationMs, exceptionType, message));
        return true;
    }

    // What a hook abandoned at its timeout is told, in the log's warning and in cao plugin test's report.
    private string TimedOutMessage => $"did not return within {_options.HookTimeout.TotalSeconds}s; abandoned, plugin marked faulted";

    private static HookOutcome Outcome(HookInvoker hook, string outcome, double durationMs, string? exceptionType = null, string? message = null) =>
        new() { Hook = hook.MethodName, Outcome = outcome, DurationMs = Math.Round(durationMs, 3), ExceptionType = exceptionType, Message = message };

    private static FrozenDictionary<string, HookInvoker[]> Group(IEnumerable<HookInvoker> hooks) =>
        hooks.GroupBy(h => h.EventType).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private void Abandon(Task running, HookInvoker hook)
    {
        Interlocked.Increment(ref _abandonedRunning);
        ReleaseAbandonedWhenDone(running);
        _onAbandoned(hook.MethodName);
    }

    // An abandoned call stops counting against the plugin once it returns.
    private void ReleaseAbandonedWhenDone(Task running) =>
        _ = running.ContinueWith(_ => Interlocked.Decrement(ref _abandonedRunning), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    // Tell the abandoned hook to stop, and give the next hooks a token that is not cancelled. The
    // plugin's cancellation callbacks run on the thread pool; the returned task ends when they have
    // run, and the reader waits for it (up to the hook timeout) so the hook hears "stop" before the
    // plugin's next hook runs.
    private Task ReplaceHookCancellation()
    {
        var abandoned = Interlocked.Exchange(ref _hookCancellation, CancellationTokenSource.CreateLinkedTokenSource(_abort.Token));
        return abandoned.CancelAsync().ContinueWith(_ => abandoned.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void WaitForCancellation(Task cancelling)
    {
        try
        {
            cancelling.Wait(_options.HookTimeout, _abort.Token);
        }
        catch (OperationCanceledException)
        {
            // Shutdown: nothing more will be delivered anyway.
        }
    }

    private bool TryQueue(Delivery delivery)
    {
        if (_completed)
            return false;
        _queue.Enqueue(delivery);
        // The increment is also the full fence between the enqueue and the two reads below (the
        // reader writes its flags, then looks at the queue: one of the two sides sees the other).
        if (Interlocked.Increment(ref _queued) > _options.QueueCapacity && _queue.TryDequeue(out var oldest))
        {
            Interlocked.Decrement(ref _queued);
            OnDropped(oldest);
        }
        if (Volatile.Read(ref _readerWaiting) == 1 && Interlocked.Exchange(ref _readerWaiting, 0) == 1)
            _available.Set(); // a system call only when the reader is blocked, not while it spins or works
        if (Volatile.Read(ref _finished) == 1)
            DropLeftovers(); // queued after the reader's last look at a completed queue
        return true;
    }

    private void OnDropped(Delivery dropped)
    {
        dropped.Trial?.Lost("the plugin's queue was full and the event was dropped as the oldest");
        Interlocked.Increment(ref _dropped);
        var sinceWarning = Interlocked.Increment(ref _droppedSinceWarning);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (last != 0 && now - last < (long)_options.OverflowWarningInterval.TotalMilliseconds)
            return;
        if (Interlocked.CompareExchange(ref _lastWarningTicks, now, last) != last)
            return; // another thread is warning
        Interlocked.Add(ref _droppedSinceWarning, -sinceWarning);
        _logger.LogWarning(
            "Plugin '{Plugin}' is falling behind: its queue of {Capacity} events is full; dropped {Count} oldest events (total {Total})",
            _pluginName, _options.QueueCapacity, sinceWarning, Interlocked.Read(ref _dropped));
    }

    private readonly record struct Delivery(CaoEvent Event, HookTrial? Trial);
}
