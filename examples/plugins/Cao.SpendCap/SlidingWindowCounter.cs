namespace Cao.SpendCap;

/// <summary>Counts events per key over the last hour; thread-safe because pre-hooks run on many requests at once.</summary>
internal sealed class SlidingWindowCounter(TimeProvider time, TimeSpan window)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _events = new(StringComparer.Ordinal);

    /// <summary>Records one event for <paramref name="key"/> unless that would exceed <paramref name="limit"/>.</summary>
    /// <returns>True when recorded (under the cap); false when the cap is reached.</returns>
    public bool TryTake(string key, int limit)
    {
        var now = time.GetUtcNow();
        lock (_events)
        {
            if (!_events.TryGetValue(key, out var stamps))
                _events[key] = stamps = new Queue<DateTimeOffset>();
            while (stamps.Count > 0 && now - stamps.Peek() >= window)
                stamps.Dequeue();
            if (stamps.Count >= limit)
                return false;
            stamps.Enqueue(now);
            return true;
        }
    }
}
