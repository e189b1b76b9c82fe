namespace CliAgentOrchestrator.Tests.Support;

/// <summary>Waits for a condition by polling it, with a generous deadline; never a fixed sleep.</summary>
public static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls <paramref name="find"/> until it returns something, and returns that.</summary>
    public static async Task<T> ForAsync<T>(Func<T?> find, string what, TimeSpan? timeout = null) where T : class
    {
        T? found = null;
        await UntilAsync(() => (found = find()) is not null, what, timeout);
        return found!;
    }
}
