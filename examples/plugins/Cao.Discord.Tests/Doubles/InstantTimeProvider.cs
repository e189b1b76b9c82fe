using System.Collections.Concurrent;

namespace Cao.Discord.Tests.Doubles;

/// <summary>
/// A clock whose waits end at once but are recorded, so a test proves the plugin asked to wait
/// 2.5 s for a 429 without spending 2.5 s.
/// </summary>
public sealed class InstantTimeProvider : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    public IReadOnlyList<TimeSpan> Waits => _waits.ToArray();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(callback, state, this);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class Timer(TimerCallback callback, object? state, InstantTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == global::System.Threading.Timeout.InfiniteTimeSpan)
                return true;
            owner._waits.Enqueue(dueTime);
            // Fire from the pool, as a real timer does, never inside the caller's Change.
            ThreadPool.UnsafeQueueUserWorkItem(_ => callback(state), null);
            return true;
        }

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
