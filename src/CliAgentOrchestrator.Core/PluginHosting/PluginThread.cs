namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// One dedicated background thread that runs plugin code handed to it by <see cref="PluginThreads"/>,
/// then offers itself for the next call. A call that never returns keeps its thread forever; that
/// thread is abandoned, never waited for, and being a background thread it cannot hold up exit.
/// </summary>
internal sealed class PluginThread
{
    private const int Idle = 0, Assigned = 1, Retired = 2;

    private readonly SemaphoreSlim _signal = new(0);
    private readonly Action<PluginThread> _onIdle;
    private readonly TimeSpan _idleLifetime;
    private Action? _work;
    private int _state = Assigned; // created for its first call

    public PluginThread(Action first, Action<PluginThread> onIdle, TimeSpan idleLifetime)
    {
        _work = first;
        _onIdle = onIdle;
        _idleLifetime = idleLifetime;
        // Plugin code gets the stack size of an ordinary thread; only blocking it is contained.
        new Thread(Loop) { IsBackground = true, Name = "cao-plugin" }.Start();
    }

    /// <summary>Hands <paramref name="work"/> to this idle thread; false when the thread retired meanwhile.</summary>
    public bool TryAssign(Action work)
    {
        if (Interlocked.CompareExchange(ref _state, Assigned, Idle) != Idle)
            return false;
        _work = work;
        _signal.Release();
        return true;
    }

    private void Loop()
    {
        while (true)
        {
            var work = Interlocked.Exchange(ref _work, null);
            work?.Invoke(); // never throws: PluginThreads catches everything the plugin throws
            work = null; // an idle thread must not keep a reloaded plugin's load context alive
            Volatile.Write(ref _state, Idle);
            _onIdle(this);
            // An idle thread that nobody needed for a while ends, so a burst does not leave threads behind.
            while (!_signal.Wait(_idleLifetime))
            {
                if (Interlocked.CompareExchange(ref _state, Retired, Idle) == Idle)
                    return;
            }
        }
    }
}
