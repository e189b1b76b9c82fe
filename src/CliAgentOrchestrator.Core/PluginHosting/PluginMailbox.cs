using System.Collections.Frozen;
using System.Diagnostics;
using CliAgentOrchestrator.Core.Telemetry;
using System.Threading.Channels;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// One plugin's bounded queue and its single reader. Posting never blocks and never throws; the
/// reader awaits the plugin's hooks one after another, so the plugin sees events in the order they
/// were posted, and a slow plugin only ever delays itself. A full queue drops its oldest event.
/// A reload pauses the reader (intake stays open, so events wait in the queue), swaps in the new
/// instance's hooks and resumes: the queued events reach the new instance.
/// </summary>
internal sealed class PluginMailbox
{
    private readonly string _pluginName;
    private FrozenDictionary<string, HookInvoker[]> _hooks;
    private readonly PluginHostOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<Delivery> _queue;
    private readonly SemaphoreSlim _deliveryGate = new(1, 1); // held by the reader per batch, by a reload while paused
    private volatile bool _pauseRequested;
    private bool _held; // the gate is taken by a reload (only reloads, one at a time, touch this)
    private readonly CancellationTokenSource _abort = new(); // cancelled when shutdown stops waiting
    private CancellationTokenSource _hookCancellation; // handed to hooks; replaced once it was cancelled by a timeout
    private Task _reader = Task.CompletedTask;
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
        _queue = Channel.CreateBounded<Delivery>(
            new BoundedChannelOptions(options.QueueCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            OnDropped);
    }

    /// <summary>The event types this plugin has hooks for.</summary>
    public IEnumerable<string> EventTypes => _hooks.Keys;

    public PluginCounters Counters => new(
        Interlocked.Read(ref _delivered), Interlocked.Read(ref _failed), Interlocked.Read(ref _dropped),
        _queue.Reader.CanCount ? _queue.Reader.Count : 0);

    public void Start() => _reader = Task.Run(ReadAsync);

    /// <summary>Queues <paramref name="e"/>; after <see cref="Complete"/> the event is counted as dropped.</summary>
    public void Post(CaoEvent e)
    {
        if (!_queue.Writer.TryWrite(new Delivery(e, null)))
            Interlocked.Increment(ref _dropped);
    }

    /// <summary>Queues a synthetic event whose hook outcomes are reported to <paramref name="trial"/>.</summary>
    public void Post(HookTrial trial)
    {
        if (!_queue.Writer.TryWrite(new Delivery(trial.Event, trial)))
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
        if (_held)
            return; // still paused since a reload whose new build failed to load
        _pauseRequested = true;
        await _deliveryGate.WaitAsync().ConfigureAwait(false);
        _held = true;
    }

    /// <summary>
    /// Asks the reader to stop after the event it is delivering now, at once and without waiting:
    /// an isolated plugin whose child just died must not have its queued events fail one by one
    /// before <see cref="PauseAsync"/> (which waits) gets the reader.
    /// </summary>
    public void RequestPause() => _pauseRequested = true;

    /// <summary>Hands the queued and future events to <paramref name="hooks"/> (the reloaded instance's) and lets the reader go on.</summary>
    public void Resume(IEnumerable<HookInvoker> hooks)
    {
        _hooks = Group(hooks);
        _pauseRequested = false;
        _held = false;
        _deliveryGate.Release();
    }

    /// <summary>Stops intake; the reader finishes what is queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Waits until the queue is empty, or gives up at <paramref name="deadline"/> and counts what is left as dropped.</summary>
    public async Task DrainAsync(Task deadline)
    {
        // A paused plugin has no instance to deliver to (its reload failed): nothing will drain.
        if (_pauseRequested)
            await _abort.CancelAsync().ConfigureAwait(false);
        if (await Task.WhenAny(_reader, deadline).ConfigureAwait(false) == _reader)
            return;
        await _abort.CancelAsync().ConfigureAwait(false);
        await _reader.ConfigureAwait(false);
    }

    private async Task ReadAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_abort.Token).ConfigureAwait(false))
            {
                await _deliveryGate.WaitAsync(_abort.Token).ConfigureAwait(false);
                try
                {
                    // A pause request ends the batch after the current event, so the reload gets the gate.
                    while (!_abort.IsCancellationRequested && !_pauseRequested && reader.TryRead(out var delivery))
                        await DeliverAsync(delivery).ConfigureAwait(false);
                }
                finally
                {
                    _deliveryGate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
        }

        var left = 0;
        while (reader.TryRead(out var undelivered))
        {
            left++;
            undelivered.Trial?.Lost("the server stopped before the plugin took the event");
        }
        if (left > 0)
        {
            Interlocked.Add(ref _dropped, left);
            _logger.LogWarning("Plugin '{Plugin}': {Count} queued events were not delivered before the shutdown deadline", _pluginName, left);
        }
    }

    private async ValueTask DeliverAsync(Delivery delivery)
    {
        var e = delivery.Event;
        var outcomes = delivery.Trial is null ? null : new List<HookOutcome>();
        if (_hooks.TryGetValue(e.EventType, out var hooks))
        {
            foreach (var hook in hooks)
            {
                var outcome = await InvokeAsync(hook, e).ConfigureAwait(false);
                outcomes?.Add(outcome);
            }
        }
        Interlocked.Increment(ref _delivered);
        delivery.Trial?.Report(outcomes!);
    }

    private async ValueTask<HookOutcome> InvokeAsync(HookInvoker hook, CaoEvent e)
    {
        if (Volatile.Read(ref _abandonedRunning) >= MaxAbandonedRunning)
        {
            // Every abandoned call still holds a thread; a plugin stuck this often gets no more until one returns.
            Interlocked.Increment(ref _failed);
            return Outcome(hook, "skipped", 0, message: $"{MaxAbandonedRunning} earlier calls of this plugin are still running past their timeout");
        }
        Task? running = null;
        var outcome = "ok";
        using var span = StartHookSpan(hook, e);
        var started = Stopwatch.GetTimestamp();
        double Elapsed() => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            // On a plugin thread: a hook that blocks without ever awaiting cannot hold this reader.
            var token = _hookCancellation.Token;
            running = PluginThreads.Run(() => hook.Invoke(e, token));
            await running.WaitAsync(_options.HookTimeout, _abort.Token).ConfigureAwait(false);
            return Outcome(hook, "ok", Elapsed());
        }
        catch (TimeoutException) when (running is { IsCompleted: false })
        {
            outcome = "timeout";
            Interlocked.Increment(ref _failed);
            Abandon(running, hook);
            _logger.LogWarning("Plugin '{Plugin}' hook '{Hook}' timed out after {Timeout}s handling '{EventType}'; abandoned it, plugin marked faulted",
                _pluginName, hook.MethodName, _options.HookTimeout.TotalSeconds, e.EventType);
            await ReplaceHookCancellationAsync().ConfigureAwait(false);
            return Outcome(hook, "timeout", Elapsed(), message: $"did not return within {_options.HookTimeout.TotalSeconds}s; abandoned, plugin marked faulted");
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested && running is { IsCompleted: false })
        {
            outcome = "abandoned";
            Interlocked.Increment(ref _failed);
            Abandon(running, hook);
            return Outcome(hook, "timeout", Elapsed(), message: "still running when the server stopped");
        }
        catch (OperationCanceledException ex) when (_abort.IsCancellationRequested)
        {
            outcome = "abandoned";
            Interlocked.Increment(ref _failed);
            return Outcome(hook, "exception", Elapsed(), ex.GetType().FullName, ex.Message);
        }
        catch (Exception ex)
        {
            outcome = "error";
            Interlocked.Increment(ref _failed);
            _logger.LogWarning(ex, "Plugin '{Plugin}' hook '{Hook}' failed handling '{EventType}'", _pluginName, hook.MethodName, e.EventType);
            return Outcome(hook, "exception", Elapsed(), ex.GetType().FullName, ex.Message);
        }
        finally
        {
            if (CaoTelemetry.HookDuration.Enabled)
                RecordDuration(e, outcome, Stopwatch.GetElapsedTime(started));
            if (span is not null)
            {
                span.SetTag(CaoTelemetry.Attributes.Outcome, outcome);
                if (outcome != "ok")
                    span.SetStatus(ActivityStatusCode.Error, outcome);
            }
        }
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
    private static HookOutcome Outcome(HookInvoker hook, string outcome, double durationMs, string? exceptionType = null, string? message = null) =>
        new() { Hook = hook.MethodName, Outcome = outcome, DurationMs = Math.Round(durationMs, 3), ExceptionType = exceptionType, Message = message };

    private static FrozenDictionary<string, HookInvoker[]> Group(IEnumerable<HookInvoker> hooks) =>
        hooks.GroupBy(h => h.EventType).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private void Abandon(Task running, HookInvoker hook)
    {
        Interlocked.Increment(ref _abandonedRunning);
        _ = running.ContinueWith(_ => Interlocked.Decrement(ref _abandonedRunning), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _onAbandoned(hook.MethodName);
    }

    // Tell the abandoned hook to stop, and give the next hooks a token that is not cancelled.
    private async Task ReplaceHookCancellationAsync()
    {
        var abandoned = _hookCancellation;
        _hookCancellation = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        await abandoned.CancelAsync().ConfigureAwait(false);
        abandoned.Dispose();
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
