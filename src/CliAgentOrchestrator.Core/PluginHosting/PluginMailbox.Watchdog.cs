using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Core.PluginHosting;

// The watchdog: a hook whose synchronous part holds the reader's thread past the hook timeout (a busy
// loop, Thread.Sleep, sync-over-async) is abandoned, and a fresh reader thread carries on with the
// next hook, so the plugin's later events still flow. The stuck thread leaves when its call returns.
internal sealed partial class PluginMailbox
{
    private Cursor? _live; // the live reader's cursor
    private ITimer? _watchdog;

    // The watchdog looks a few times per timeout; a timer tick costs nothing while no hook blocks.
    private TimeSpan WatchdogPeriod => TimeSpan.FromTicks(Math.Clamp(_options.HookTimeout.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));

    private long BeginBlockingWatch(Cursor cursor, long started)
    {
        _watchdog ??= TimeProvider.System.CreateTimer(_ => AbandonBlockedCall(timedOut: true), null, WatchdogPeriod, WatchdogPeriod);
        return cursor.BeginCall(started);
    }

    // With timedOut, only a call past the hook timeout is abandoned (a watchdog tick); otherwise any
    // blocking call is (shutdown gave up waiting).
    private void AbandonBlockedCall(bool timedOut)
    {
        var cursor = Volatile.Read(ref _live);
        var call = cursor?.RunningTicket ?? 0;
        if (call == 0)
            return;
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(cursor!.CallStarted);
        if (timedOut && elapsed < _options.HookTimeout)
            return;
        if (!cursor.TryEndCall(call))
            return; // the reader finished it meanwhile (the start time read above was perhaps the next call's)
        // From here the stuck thread leaves the cursor alone: its own end of the call fails.
        var hook = cursor.Hooks[cursor.NextHook];
        Interlocked.Increment(ref _failed);
        Interlocked.Increment(ref _abandonedRunning); // the stuck thread takes it back when its call returns
        _onAbandoned(hook.MethodName);
        if (timedOut)
        {
            _logger.LogWarning("Plugin '{Plugin}' hook '{Hook}' timed out after {Timeout}s handling '{EventType}'; abandoned it, plugin marked faulted",
                _pluginName, hook.MethodName, _options.HookTimeout.TotalSeconds, cursor.Delivery.Event.EventType);
            Report(cursor, hook, "timeout", elapsed.TotalMilliseconds, message: TimedOutMessage);
        }
        else
        {
            Report(cursor, hook, "timeout", elapsed.TotalMilliseconds, message: "still running when the server stopped");
        }
        cursor.Cancelling = ReplaceHookCancellation();
        cursor.NextHook++;
        StartReader(cursor);
    }
}
