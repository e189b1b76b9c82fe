namespace CliAgentOrchestrator.Core.Inbox;

/// <summary>
/// Runs deliveries for one receiver one at a time. Any number of wake-ups (status edges, the
/// sweep, new messages) collapse into at most one running pass plus one follow-up, so racing
/// triggers never type into the same terminal at once. A pass re-reads the receiver's screen only
/// when one of the wake-ups it answers asked for that (the sweep); the others trust the status
/// monitor's latched status.
/// </summary>
internal sealed class ReceiverWorker(string receiverId, Func<string, bool, Task> deliver)
{
    private int _running;
    private int _requested;
    private int _readScreen;

    public void Wake(bool readScreen = false)
    {
        if (readScreen)
            Volatile.Write(ref _readScreen, 1);
        Volatile.Write(ref _requested, 1);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
            _ = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        while (true)
        {
            Volatile.Write(ref _requested, 0);
            await deliver(receiverId, Interlocked.Exchange(ref _readScreen, 0) == 1);
            if (Volatile.Read(ref _requested) == 1)
                continue;
            Volatile.Write(ref _running, 0);
            // A wake that raced with the release above must not be lost.
            if (Volatile.Read(ref _requested) == 0 || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
                return;
        }
    }
}
