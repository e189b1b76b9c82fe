using System.Threading.Channels;

namespace CliAgentOrchestrator.Core.BuiltInPlugins.EventStream;

/// <summary>
/// One live-stream client: its own bounded queue, so a slow client loses its own oldest events
/// (counted, and told) and never holds the plugin or another client back.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private readonly Channel<StreamedEvent> _queue;
    private readonly IReadOnlySet<string>? _types;
    private readonly Action<EventSubscription> _onDispose;
    private long _dropped;

    internal EventSubscription(IReadOnlySet<string>? types, int capacity, Action<EventSubscription> onDispose)
    {
        _types = types;
        _onDispose = onDispose;
        _queue = Channel.CreateBounded<StreamedEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Whether this client asked for events of <paramref name="eventType"/>.</summary>
    public bool Wants(string eventType) => _types is null || _types.Contains(eventType);

    internal void Offer(StreamedEvent e)
    {
        if (Wants(e.EventType))
            _queue.Writer.TryWrite(e);
    }

    /// <summary>Events dropped since the last call because the client read too slowly.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);

    /// <summary>The next event, or null when none came within <paramref name="wait"/> (time for a heartbeat) or the stream ended.</summary>
    public async Task<StreamedEvent?> NextAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (_queue.Reader.TryRead(out var ready))
            return ready;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            if (await _queue.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false) && _queue.Reader.TryRead(out var next))
                return next;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        return null;
    }

    /// <summary>True once the stream was closed (the server stops, or the plugin was torn down).</summary>
    public bool Completed => _queue.Reader.Completion.IsCompleted;

    internal void Complete() => _queue.Writer.TryComplete();

    public void Dispose()
    {
        Complete();
        _onDispose(this);
    }
}
