using CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;
using StreamJsonRpc;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation;

// Supervision: a child that exits, stops answering heartbeats or hits its memory cap is killed (by
// PID) and started again after a backoff that doubles per crash in the window; meanwhile the
// plugin's queue is held, so events wait (bounded; past the bound the oldest are dropped and
// counted). Past MaxRestarts crashes in RestartWindow the plugin is marked faulted and left down.
internal sealed partial class IsolatedPlugin
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Queue<long> _crashes = new(); // Environment.TickCount64 of each crash in the window
    private bool _recovering;
    private string? _pendingCrash; // a crash of the new child seen before recovery finished
    private bool _faulted;
    private int _restarts;
    private string? _lastCrashReason;

    /// <summary>Restarts the child (after killing it if it still runs) because of <paramref name="reason"/>.</summary>
    public void Recover(string reason)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested || _faulted)
                return;
            if (_recovering)
            {
                _pendingCrash ??= reason;
                return;
            }
            _recovering = true;
        }
        _supervision?.RequestPause();
        _ = Task.Run(() => RecoverAsync(reason));
    }

    private async Task WatchAsync(ChildProcess child)
    {
        var heartbeat = HeartbeatAsync(child);
        await child.Exited.ConfigureAwait(false);
        if (_child != child)
            return;
        var reason = child.DescribeExit(MemoryLimitMb);
        if (_stopping.IsCancellationRequested)
            return;
        Recover(reason);
        await heartbeat.ConfigureAwait(false);
    }

    private async Task HeartbeatAsync(ChildProcess child)
    {
        try
        {
            while (!child.HasExited && !_stopping.IsCancellationRequested)
            {
                await Task.WhenAny(child.Exited, Task.Delay(_options.HeartbeatInterval, _stopping.Token)).ConfigureAwait(false);
                if (child.HasExited || _stopping.IsCancellationRequested)
                    return;
                var beat = child.Rpc.InvokeWithParameterObjectAsync<HeartbeatResult>(PluginProtocol.Heartbeat, EmptyResult.Instance, _stopping.Token);
                try
                {
                    var answer = await beat.WaitAsync(_options.HeartbeatTimeout, _stopping.Token).ConfigureAwait(false);
                    WorkingSetBytes = answer.WorkingSetBytes;
                }
                catch (TimeoutException)
                {
                    _logger.LogWarning("Isolated plugin '{Plugin}' (pid {Pid}) missed its heartbeat for {Timeout}s; killing it", _name, child.Pid, _options.HeartbeatTimeout.TotalSeconds);
                    // Killed first: the exit watcher then restarts it with this reason.
                    child.Kill($"hung: no heartbeat answer within {_options.HeartbeatTimeout.TotalSeconds:0.#}s");
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ConnectionLostException or ObjectDisposedException)
        {
        }
    }

    private async Task RecoverAsync(string reason)
    {
        var old = _child;
        Volatile.Write(ref _lastCrashReason, reason);
        _logger.LogWarning("Isolated plugin '{Plugin}' {Reason}; restarting it", _name, reason);
        old?.Kill(reason);
        if (_supervision is { } supervision && !await supervision.PauseAsync().ConfigureAwait(false))
            return;
        old?.Dispose();
        while (!_stopping.IsCancellationRequested)
        {
            var crashes = CountCrash();
            if (crashes > _options.MaxRestarts)
            {
                var given = $"crashed {crashes} times within {_options.RestartWindow.TotalSeconds:0}s and is not restarted again; last: {reason}";
                lock (_gate)
                    _faulted = true;
                Volatile.Write(ref _lastCrashReason, reason);
                _logger.LogError("Isolated plugin '{Plugin}' {Reason}", _name, given);
                _supervision?.Faulted(given);
                return;
            }
            var backoff = TimeSpan.FromTicks(Math.Min(_options.MaxRestartBackoff.Ticks, _options.RestartBackoff.Ticks << Math.Min(crashes - 1, 20)));
            try
            {
                await Task.Delay(backoff, _stopping.Token).ConfigureAwait(false);
                var setup = await StartAsync(_stopping.Token).ConfigureAwait(false);
                if (_stopping.IsCancellationRequested)
                {
                    await StopChildAsync(_child!).ConfigureAwait(false); // came up as the server stopped
                    return;
                }
                Interlocked.Increment(ref _restarts);
                if (_supervision is { } resumed)
                    await resumed.ResumeAsync(setup).ConfigureAwait(false);
                _logger.LogInformation("Isolated plugin '{Plugin}' restarted (pid {Pid}, restart {Restarts})", _name, _child?.Pid, Restarts);
                string? pending;
                lock (_gate)
                {
                    _recovering = false;
                    pending = _pendingCrash;
                    _pendingCrash = null;
                }
                if (pending is not null && _child is { HasExited: true })
                    Recover(pending);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (IsolatedPluginException ex)
            {
                reason = ex.Message;
                Volatile.Write(ref _lastCrashReason, reason);
                _logger.LogWarning("Isolated plugin '{Plugin}' did not come back: {Reason}", _name, reason);
            }
        }
    }

    private int CountCrash()
    {
        var now = Environment.TickCount64;
        lock (_crashes)
        {
            _crashes.Enqueue(now);
            while (_crashes.Count > 0 && now - _crashes.Peek() > (long)_options.RestartWindow.TotalMilliseconds)
                _crashes.Dequeue();
            return _crashes.Count;
        }
    }

    /// <summary>
    /// Tears the plugin down in its child (bounded by the teardown timeout), closes the wire, and
    /// kills the child by PID if it has not exited shortly after. Safe to call twice.
    /// </summary>
    public async Task StopAsync()
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
                return;
            _stopping.Cancel();
        }
        if (_child is { } child)
            await StopChildAsync(child).ConfigureAwait(false);
    }

    private async Task StopChildAsync(ChildProcess child)
    {
        if (!child.HasExited)
        {
            try
            {
                await child.Rpc.InvokeWithParameterObjectAsync<EmptyResult>(PluginProtocol.Teardown, EmptyResult.Instance)
                    .WaitAsync(_options.TeardownTimeout + TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or RemoteInvocationException or ConnectionLostException or ObjectDisposedException)
            {
                _logger.LogWarning("Isolated plugin '{Plugin}' (pid {Pid}) teardown did not complete: {Reason}", _name, child.Pid, ex.Message);
            }
        }
        // Closing stdin tells the child to exit; one that does not is killed.
        child.Rpc.Dispose();
        if (await Task.WhenAny(child.Exited, Task.Delay(TimeSpan.FromSeconds(3))).ConfigureAwait(false) != child.Exited)
        {
            _logger.LogWarning("Isolated plugin '{Plugin}' (pid {Pid}) did not exit after teardown; killing it", _name, child.Pid);
            child.Kill("did not exit after teardown");
        }
        child.Dispose();
    }
}
