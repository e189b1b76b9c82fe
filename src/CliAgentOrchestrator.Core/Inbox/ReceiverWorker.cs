namespace CliAgentOrchestrator.Core.Inbox;

/// <summary>
/// Runs deliveries for one receiver one at a time. Any number of wake-ups (status edges, the
/// sweep, new messages) collapse into at most one running pass plus one follow-up, so racing
/// triggers never type into the same terminal at once.
/// </summary>
internal sealed class ReceiverWorker(string receiverId, Func<string, Task> deliver)
{
    private int _running;
    private int _requested;

    public void Wake()
    {
        Volatile.Write(ref _requested, 1);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
            _ = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        while (true)
        {
            Volatile.Write(ref _requested, 0);
            await deliver(receiverId);
            if (Volatile.Read(ref _requested) == 1)
                continue;
            Volatile.Write(ref _running, 0);
            // A wake that raced with the release above must not be lost.
            if (Volatile.Read(ref _requested) == 0 || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
                return;
        }
    }
}
