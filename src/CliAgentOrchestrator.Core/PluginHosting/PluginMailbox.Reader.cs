using System.Diagnostics;
using System.Runtime.CompilerServices;
using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Core.PluginHosting;

// The reader: a dedicated thread per plugin that waits for events and calls the hooks on itself.
internal sealed partial class PluginMailbox
{
    private void StartReader(Cursor? inherited)
    {
        // No flow: the reader must not carry the caller's ambient state (a request's span) into every hook.
        using (ExecutionContext.SuppressFlow())
            new Thread(() => Run(inherited)) { IsBackground = true, Name = "cao-plugin-" + _pluginName }.Start();
    }

    // Compiled optimized from the first call: a loop that runs for the server's lifetime is otherwise
    // recompiled on the fly (on-stack replacement) after some thousands of events, on this thread,
    // holding up the events queued meanwhile for milliseconds.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run(Cursor? inherited)
    {
        var cursor = inherited ?? new Cursor();
        Volatile.Write(ref _live, cursor);
        try
        {
            if (inherited?.Cancelling is { } cancelling)
            {
                inherited.Cancelling = null;
                WaitForCancellation(cancelling);
            }
            if (inherited is not null && !_abort.IsCancellationRequested && !Deliver(cursor))
                return;
            while (NextDelivery(out var delivery))
            {
                if (!Deliver(cursor, delivery))
                    return; // abandoned in a hook: a new reader has taken over
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Hooks' exceptions are caught per call; this is the host's own bug, and a reader thread must never take the process down.
            _logger.LogError(ex, "Plugin '{Plugin}': its event reader failed", _pluginName);
        }
        Finish();
    }

    // Blocks until there is an event (true), or the queue is completed and empty or shutdown gave up
    // (false). Pauses here, between events, while a reload holds the reader.
    private bool NextDelivery(out Delivery delivery)
    {
        while (true)
        {
            if (_pauseRequested)
            {
                _pausedAt.TrySetResult();
                _resumed.Wait(_abort.Token);
                continue;
            }
            if (_abort.IsCancellationRequested)
            {
                delivery = default;
                return false;
            }
            if (_queue.TryDequeue(out delivery))
            {
                Interlocked.Decrement(ref _queued);
                return true;
            }
            if (_completed && _queue.IsEmpty)
                return false;
            WaitForPost();
        }
    }

    // Announces the wait, then looks once more: a post either lands before that look, or sees the
    // announcement and sets _available. The wait spins briefly before it blocks, and a post that comes
    // during the spin costs the publisher no system call.
    private void WaitForPost()
    {
        _available.Reset();
        Interlocked.Exchange(ref _readerWaiting, 1);
        if (_queue.IsEmpty && !_completed && !_pauseRequested && !_abort.IsCancellationRequested)
            _available.Wait();
        Volatile.Write(ref _readerWaiting, 0);
    }

    // In a frame of its own, never inlined, so the hooks (and through them the plugin's load context)
    // are not held by the reader's loop while it waits for the next event.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Deliver(Cursor cursor, Delivery delivery)
    {
        cursor.Begin(delivery, _hooks.TryGetValue(delivery.Event.EventType, out var hooks) ? hooks : []);
        return Deliver(cursor);
    }

    // The hooks of one event, one after another. False when this thread was abandoned in one of them.
    private bool Deliver(Cursor cursor)
    {
        var e = cursor.Delivery.Event;
        for (; cursor.NextHook < cursor.Hooks.Length; cursor.NextHook++)
        {
            if (_abort.IsCancellationRequested)
            {
                cursor.Clear();
                return true;
            }
            if (!Invoke(cursor.Hooks[cursor.NextHook], e, cursor))
                return false;
        }
        Interlocked.Increment(ref _delivered);
        cursor.Delivery.Trial?.Report(cursor.Outcomes!);
        cursor.Clear();
        return true;
    }

    // One hook call. Its synchronous part runs right here; a call that returns a pending task is
    // waited for up to the rest of the timeout. False when the watchdog abandoned the synchronous part.
    private bool Invoke(HookInvoker hook, CaoEvent e, Cursor cursor)
    {
        if (Volatile.Read(ref _abandonedRunning) >= MaxAbandonedRunning)
        {
            // Every abandoned call still holds a thread; a plugin stuck this often gets no more until one returns.
            Interlocked.Increment(ref _failed);
            return Report(cursor, hook, "skipped", 0, message: $"{MaxAbandonedRunning} earlier calls of this plugin are still running past their timeout");
        }
        var outcome = "ok";
        using var span = StartHookSpan(hook, e);
        var started = Stopwatch.GetTimestamp();
        var call = BeginBlockingWatch(cursor, started);
        try
        {
            ValueTask pending = default;
            Exception? thrown = null;
            try
            {
                pending = hook.Invoke(e, Volatile.Read(ref _hookCancellation).Token);
            }
            catch (Exception ex)
            {
                thrown = ex;
            }
            if (!cursor.TryEndCall(call)) // false when the watchdog abandoned the call first
            {
                // The watchdog gave up on this call and another reader carries on: leave quietly.
                outcome = "timeout";
                if (thrown is not null || pending.IsCompleted)
                    Interlocked.Decrement(ref _abandonedRunning);
                else
                    ReleaseAbandonedWhenDone(pending.AsTask());
                return false;
            }
            if (thrown is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown); // keeps the plugin's stack trace for the warning below
            if (pending.IsCompletedSuccessfully)
                return Report(cursor, hook, "ok", ElapsedMs(started));
            return AwaitPending(hook, e, cursor, pending.AsTask(), started, ref outcome);
        }
        catch (Exception ex)
        {
            outcome = "error";
            Interlocked.Increment(ref _failed);
            _logger.LogWarning(ex, "Plugin '{Plugin}' hook '{Hook}' failed handling '{EventType}'", _pluginName, hook.MethodName, e.EventType);
            return Report(cursor, hook, "exception", ElapsedMs(started), ex.GetType().FullName, ex.Message);
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

    // Not a local function: one capturing `started` beside a lambda made the compiler allocate a closure per call.
    private static double ElapsedMs(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    // The asynchronous rest of a hook call, waited for on this (the plugin's own) thread.
    private bool AwaitPending(HookInvoker hook, CaoEvent e, Cursor cursor, Task running, long started, ref string outcome)
    {
        var remaining = _options.HookTimeout - Stopwatch.GetElapsedTime(started);
        bool finished;
        try
        {
            finished = running.Wait(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _abort.Token);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested && !running.IsCompleted)
        {
            outcome = "abandoned";
            Interlocked.Increment(ref _failed);
            Abandon(running, hook);
            return Report(cursor, hook, "timeout", ElapsedMs(started), message: "still running when the server stopped");
        }
        catch (OperationCanceledException ex) when (_abort.IsCancellationRequested)
        {
            outcome = "abandoned";
            Interlocked.Increment(ref _failed);
            return Report(cursor, hook, "exception", ElapsedMs(started), ex.GetType().FullName, ex.Message);
        }
        catch (AggregateException ex)
        {
            outcome = "error";
            Interlocked.Increment(ref _failed);
            var inner = ex.InnerException ?? ex;
            _logger.LogWarning(inner, "Plugin '{Plugin}' hook '{Hook}' failed handling '{EventType}'", _pluginName, hook.MethodName, e.EventType);
            return Report(cursor, hook, "exception", ElapsedMs(started), inner.GetType().FullName, inner.Message);
        }
        if (finished)
            return Report(cursor, hook, "ok", ElapsedMs(started));
        outcome = "timeout";
        Interlocked.Increment(ref _failed);
        Abandon(running, hook);
        _logger.LogWarning("Plugin '{Plugin}' hook '{Hook}' timed out after {Timeout}s handling '{EventType}'; abandoned it, plugin marked faulted",
            _pluginName, hook.MethodName, _options.HookTimeout.TotalSeconds, e.EventType);
        WaitForCancellation(ReplaceHookCancellation());
        return Report(cursor, hook, "timeout", ElapsedMs(started), message: TimedOutMessage);
    }

    // The live reader is done: what is still queued was not delivered before the shutdown deadline.
    private void Finish()
    {
        _watchdog?.Dispose();
        Interlocked.Exchange(ref _finished, 1);
        var left = DropLeftovers();
        if (left > 0)
            _logger.LogWarning("Plugin '{Plugin}': {Count} queued events were not delivered before the shutdown deadline", _pluginName, left);
        _readerDone.TrySetResult();
    }

    // Counts what is still queued as dropped; the reader is gone, nothing will take it.
    private int DropLeftovers()
    {
        var left = 0;
        while (_queue.TryDequeue(out var undelivered))
        {
            left++;
            Interlocked.Decrement(ref _queued);
            undelivered.Trial?.Lost("the server stopped before the plugin took the event");
        }
        Interlocked.Add(ref _dropped, left);
        return left;
    }
}
