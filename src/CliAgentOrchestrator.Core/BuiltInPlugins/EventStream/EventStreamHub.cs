namespace CliAgentOrchestrator.Core.BuiltInPlugins.EventStream;

/// <summary>
/// What <c>GET /events</c> and <c>GET /events/history</c> read: a bounded ring of the latest events
/// and the live clients. Fed only by <see cref="EventStreamPlugin"/>, which the plugin host calls from
/// the plugin's own queue, so the stream is ordered and bounded like any plugin and never slows the server.
/// </summary>
public sealed class EventStreamHub
{
    private readonly Lock _gate = new();
    private readonly List<EventSubscription> _subscribers = [];
    private StreamedEvent[] _ring = new StreamedEvent[EventStreamSettings.DefaultHistorySize];
    private long _next = 1; // sequence of the next event
    private int _count;

    /// <summary>The settings the plugin was set up with; defaults until then.</summary>
    public EventStreamSettings Settings { get; private set; } = new();

    /// <summary>True between the plugin's setup and its teardown; false when the operator disabled it.</summary>
    public bool Running { get; private set; }

    internal void Start(EventStreamSettings settings)
    {
        lock (_gate)
        {
            Settings = settings;
            _ring = new StreamedEvent[settings.HistorySize];
            _count = 0;
            Running = true;
        }
    }

    internal void Stop()
    {
        List<EventSubscription> clients;
        lock (_gate)
        {
            Running = false;
            clients = [.. _subscribers];
        }
        foreach (var client in clients)
            client.Complete();
    }

    internal void Append(string eventType, string json)
    {
        lock (_gate)
        {
            var e = new StreamedEvent(_next++, eventType, json);
            _ring[(e.Sequence - 1) % _ring.Length] = e;
            _count = Math.Min(_count + 1, _ring.Length);
            foreach (var client in _subscribers)
                client.Offer(e);
        }
    }

    /// <summary>The latest <paramref name="limit"/> events of the wanted types, oldest first.</summary>
    public IReadOnlyList<StreamedEvent> History(int limit, IReadOnlySet<string>? types = null, long afterSequence = 0)
    {
        lock (_gate)
            return HistoryLocked(limit, types, afterSequence);
    }

    private List<StreamedEvent> HistoryLocked(int limit, IReadOnlySet<string>? types, long afterSequence)
    {
        var result = new List<StreamedEvent>(Math.Min(limit, _count));
        for (var i = 0; i < _count && result.Count < limit; i++)
        {
            var e = _ring[(_next - 2 - i) % _ring.Length]; // newest first
            if (e.Sequence <= afterSequence)
                break;
            if (types is null || types.Contains(e.EventType))
                result.Add(e);
        }
        result.Reverse();
        return result;
    }

    /// <summary>
    /// A live client of the wanted types. With <paramref name="afterSequence"/> (an SSE <c>Last-Event-ID</c>)
    /// the events after it still in history come first, with no gap and no repeat.
    /// </summary>
    public EventSubscription Subscribe(IReadOnlySet<string>? types, long afterSequence = 0)
    {
        var client = new EventSubscription(types, Settings.ClientQueueSize, Unsubscribe);
        lock (_gate)
        {
            if (afterSequence > 0)
            {
                foreach (var missed in HistoryLocked(Settings.HistorySize, types, afterSequence))
                    client.Offer(missed);
            }
            _subscribers.Add(client);
            if (!Running)
                client.Complete();
        }
        return client;
    }

    /// <summary>Live clients right now.</summary>
    public int ClientCount
    {
        get
        {
            lock (_gate)
                return _subscribers.Count;
        }
    }

    private void Unsubscribe(EventSubscription client)
    {
        lock (_gate)
            _subscribers.Remove(client);
    }
}
