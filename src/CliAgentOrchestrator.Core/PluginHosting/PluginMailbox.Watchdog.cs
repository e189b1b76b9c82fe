using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Core.PluginHosting;

// The watchdog: a hook whose synchronous part holds the reader's thread past the hook timeout (a busy
// loop, Thread.Sleep, sync-over-async) is abandoned, and a fresh reader thread carries on with the
// next hook, so the plugin's later events still flow. The stuck thread leaves when its call returns.
internal sealed partial class PluginMailbox
{
    private BlockingCall? _blocking; // the synchronous hook call running on the live reader, if any
    private ITimer? _watchdog;

    private sealed record BlockingCall(HookInvoker Hook, CaoEvent Event, Cursor Cursor, long Started);

    // The watchdog looks a few times per timeout; a timer tick costs nothing while no hook blocks.
    private TimeSpan WatchdogPeriod => TimeSpan.FromTicks(Math.Clamp(_options.HookTimeout.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));

    private BlockingCall BeginBlockingWatch(HookInvoker hook, CaoEvent e, Cursor cursor, long started)
    {
        var call = new BlockingCall(hook, e, cursor, started);
        Volatile.Write(ref _blocking, call);
        _watchdog ??= TimeProvider.System.CreateTimer(_ => AbandonBlockedCall(timedOut: true), null, WatchdogPeriod, WatchdogPeriod);
        return call;
    }

    // True when the reader finished the synchronous part itself; false when the watchdog abandoned it first.
    private bool EndBlockingWatch(BlockingCall call) => Interlocked.CompareExchange(ref _blocking, null, call) == call;

    // With timedOut, only a call past the hook timeout is abandoned (a watchdog tick); otherwise any
    // blocking call is (shutdown gave up waiting).
    private void AbandonBlockedCall(bool timedOut)
    {
        var call = Volatile.Read(ref _blocking);
        if (call is null)
            return;
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(call.Started);
        if (timedOut && elapsed < _options.HookTimeout)
            return;
        if (Interlocked.CompareExchange(ref _blocking, null, call) != call)
            return; // the reader finished it meanwhile
        Interlocked.Increment(ref _failed);
        Interlocked.Increment(ref _abandonedRunning); // the stuck thread takes it back when its call returns
        _onAbandoned(call.Hook.MethodName);
        if (timedOut)
        {
            _logger.LogWarning("Plugin '{Plugin}' hook '{Hook}' timed out after {Timeout}s handling '{EventType}'; abandoned it, plugin marked faulted",
                _pluginName, call.Hook.MethodName, _options.HookTimeout.TotalSeconds, call.Event.EventType);
            call.Cursor.Outcomes?.Add(Outcome(call.Hook, "timeout", elapsed.TotalMilliseconds, message: $"did not return within {_options.HookTimeout.TotalSeconds}s; abandoned, plugin marked faulted"));
        }
        else
        {
            call.Cursor.Outcomes?.Add(Outcome(call.Hook, "timeout", elapsed.TotalMilliseconds, message: "still running when the server stopped"));
        }
        call.Cursor.Cancelling = ReplaceHookCancellation();
        call.Cursor.NextHook++;
        StartReader(call.Cursor);
    }
}
