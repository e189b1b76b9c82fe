using System.Collections.Concurrent;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// Where plugin code starts outside the event queue (hooks run on their plugin's own reader thread,
/// see <see cref="PluginMailbox"/>): setup, pre-hooks, tools and teardown run their synchronous part on
/// dedicated threads of their own, never on the caller's thread and never on the .NET thread pool.
/// A plugin that blocks (<c>Thread.Sleep</c>, a busy loop, sync-over-async) therefore only ever
/// blocks a thread of its own: the caller awaits the returned task with its timeout and moves on,
/// and the thread pool stays free for the HTTP API. Continuations after the plugin's first
/// <c>await</c> run wherever the awaited work completes, as in any .NET code.
/// Idle threads are reused; each ends after a minute without work.
/// </summary>
internal static class PluginThreads
{
    private static readonly ConcurrentStack<PluginThread> IdleThreads = new();
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(1);

    /// <summary>Starts <paramref name="call"/> on a plugin thread; the task ends as the call's task ends.</summary>
    public static Task Run(Func<ValueTask> call) =>
        Run(async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        });

    /// <inheritdoc cref="Run(Func{ValueTask})"/>
    public static Task<T> Run<T>(Func<ValueTask<T>> call)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Start(() =>
        {
            try
            {
                var pending = call();
                if (pending.IsCompletedSuccessfully)
                    result.TrySetResult(pending.Result);
                else
                    _ = Forward(pending.AsTask(), result);
            }
            catch (Exception ex)
            {
                result.TrySetException(ex);
            }
        });
        return result.Task;
    }

    private static async Task Forward<T>(Task<T> pending, TaskCompletionSource<T> result)
    {
        try
        {
            result.TrySetResult(await pending.ConfigureAwait(false));
        }
        catch (OperationCanceledException ex)
        {
            result.TrySetCanceled(ex.CancellationToken);
        }
        catch (Exception ex)
        {
            result.TrySetException(ex);
        }
    }

    private static void Start(Action work)
    {
        while (IdleThreads.TryPop(out var idle))
        {
            if (idle.TryAssign(work))
                return;
        }
        _ = new PluginThread(work, IdleThreads.Push, IdleLifetime);
    }
}
