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
/// </summary>
internal sealed class PluginMailbox
{
    private readonly string _pluginName;
    private readonly FrozenDictionary<string, HookInvoker[]> _hooks;
    private readonly PluginHostOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<CaoEvent> _queue;
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
        _hooks = hooks.GroupBy(h => h.EventType).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _options = options;
        _logger = logger;
        _hookCancellation = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        _queue = Channel.CreateBounded<CaoEvent>(
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
        if (!_queue.Writer.TryWrite(e))
            Interlocked.Increment(ref _dropped);
    }

    /// <summary>Stops intake; the reader finishes what is queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Waits until the queue is empty, or gives up at <paramref name="deadline"/> and counts what is left as dropped.</summary>
    public async Task DrainAsync(Task deadline)
    {
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
                while (!_abort.IsCancellationRequested && reader.TryRead(out var e))
                    await DeliverAsync(e).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
        }

        var left = 0;
        while (reader.TryRead(out _))
            left++;
        if (left > 0)
        {
            Interlocked.Add(ref _dropped, left);
            _logger.LogWarning("Plugin '{Plugin}': {Count} queued events were not delivered before the shutdown deadline", _pluginName, left);
        }
    }

    private async ValueTask DeliverAsync(CaoEvent e)
    {
        if (_hooks.TryGetValue(e.EventType, out var hooks))
        {
            foreach (var hook in hooks)
                await InvokeAsync(hook, e).ConfigureAwait(false);
        }
        Interlocked.Increment(ref _delivered);
    }

    private async ValueTask InvokeAsync(HookInvoker hook, CaoEvent e)
    {
        if (Volatile.Read(ref _abandonedRunning) >= MaxAbandonedRunning)
        {
            // Every abandoned call still holds a thread; a plugin stuck this often gets no more until one returns.
            Interlocked.Increment(ref _failed);
            return;
        }
        Task? running = null;
        var outcome = "ok";
        using var span = StartHookSpan(hook, e);
        var started = CaoTelemetry.HookDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        try
        {
            // On a plugin thread: a hook that blocks without ever awaiting cannot hold this reader.
            var token = _hookCancellation.Token;
            running = PluginThreads.Run(() => hook.Invoke(e, token));
            await running.WaitAsync(_options.HookTimeout, _abort.Token).ConfigureAwait(false);
        }
        catch (TimeoutException) when (running is { IsCompleted: false })
        {
            outcome = "timeout";
            Interlocked.Increment(ref _failed);
            Abandon(running, hook);
            _logger.LogWarning("Plugin '{Plugin}' hook '{Hook}' timed out after {Timeout}s handling '{EventType}'; abandoned it, plugin marked faulted",
                _pluginName, hook.MethodName, _options.HookTimeout.TotalSeconds, e.EventType);
            await ReplaceHookCancellationAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested && running is { IsCompleted: false })
        {
            outcome = "abandoned";
            Interlocked.Increment(ref _failed);
            Abandon(running, hook);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            outcome = "abandoned";
            Interlocked.Increment(ref _failed);
        }
        catch (Exception ex)
        {
            outcome = "error";
            Interlocked.Increment(ref _failed);
            _logger.LogWarning(ex, "Plugin '{Plugin}' hook '{Hook}' failed handling '{EventType}'", _pluginName, hook.MethodName, e.EventType);
        }
        finally
        {
            if (started != 0)
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

    private void OnDropped(CaoEvent dropped)
    {
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
}
