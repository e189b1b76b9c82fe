using System.Globalization;

namespace CliAgentOrchestrator.Core.BuiltInPlugins.EventStream;

/// <summary>
/// The <c>plugins.events</c> settings: <c>include_messages</c> (message bodies in the stream, off by
/// default), <c>history_size</c> (events kept for <c>/events/history</c>), <c>heartbeat_seconds</c>
/// and <c>client_queue_size</c> (events a slow client may fall behind before its oldest are dropped).
/// </summary>
public sealed record EventStreamSettings
{
    public const int DefaultHistorySize = 1000;

    public bool IncludeMessages { get; init; }
    public int HistorySize { get; init; } = DefaultHistorySize;
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(15);
    public int ClientQueueSize { get; init; } = 1000;

    /// <exception cref="ArgumentException">A value out of range; the message names the setting.</exception>
    public static EventStreamSettings From(IReadOnlyDictionary<string, string> settings) => new()
    {
        IncludeMessages = EventJson.IsTrue(settings, "include_messages"),
        HistorySize = Number(settings, "history_size", DefaultHistorySize, 1, 100_000),
        Heartbeat = TimeSpan.FromSeconds(Number(settings, "heartbeat_seconds", 15, 1, 3600)),
        ClientQueueSize = Number(settings, "client_queue_size", 1000, 1, 100_000),
    };

    private static int Number(IReadOnlyDictionary<string, string> settings, string key, int fallback, int min, int max)
    {
        if (!settings.TryGetValue(key, out var raw))
            return fallback;
        if (!int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new ArgumentException($"plugins.events.{key} must be a whole number from {min} to {max}, got '{raw}'");
        return value;
    }
}
