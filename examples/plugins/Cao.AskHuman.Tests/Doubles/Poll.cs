namespace Cao.AskHuman.Tests.Doubles;

/// <summary>Waits for a condition by polling with a generous deadline; never a fixed sleep.</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? deadline = null) where T : class
    {
        var end = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (await probe() is { } value)
                return value;
            if (DateTime.UtcNow > end)
                throw new TimeoutException($"Timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }
}
