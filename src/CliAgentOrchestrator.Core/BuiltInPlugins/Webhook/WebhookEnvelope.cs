using System.Net.Mime;
using System.Text.Json;
using CliAgentOrchestrator.Plugins;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace CliAgentOrchestrator.Core.BuiltInPlugins.Webhook;

/// <summary>
/// A CAO event as a CloudEvents 1.0 structured JSON message: <c>id</c> the event's id (the same on
/// every retry and for every receiver), <c>type</c> <c>cao.&lt;event_type&gt;</c>, <c>source</c> this
/// server, <c>subject</c> the terminal or session, <c>time</c> the event's timestamp, <c>data</c> the
/// event's JSON form, and the <c>traceparent</c> extension when tracing is on.
/// </summary>
public static class WebhookEnvelope
{
    public const string TypePrefix = "cao.";

    private static readonly CloudEventAttribute TraceparentAttribute = CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);
    private static readonly JsonEventFormatter Formatter = new();

    public static (ReadOnlyMemory<byte> Body, string ContentType) Encode(CaoEvent e, string source, bool includeMessage)
    {
        using var data = JsonDocument.Parse(EventJson.Serialize(e, includeMessage));
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [TraceparentAttribute])
        {
            Id = e.EventId,
            Type = TypePrefix + e.EventType,
            Source = new Uri(source, UriKind.RelativeOrAbsolute),
            Subject = Subject(e),
            Time = e.Timestamp,
            DataContentType = MediaTypeNames.Application.Json,
            Data = data.RootElement.Clone(),
        };
        if (e.Traceparent is { } traceparent)
            cloudEvent[TraceparentAttribute] = traceparent;
        var body = Formatter.EncodeStructuredModeMessage(cloudEvent, out var contentType);
        return (body, contentType.ToString());
    }

    private static string? Subject(CaoEvent e) => e switch
    {
        PostTerminalStatusChangeEvent s => s.TerminalId,
        PostCreateTerminalEvent c => c.TerminalId,
        PostKillTerminalEvent k => k.TerminalId,
        PostSendMessageEvent m => m.Receiver,
        PostSendMessageDeniedEvent d => d.Receiver,
        PostQueueMessageEvent q => q.Receiver,
        PostFailMessageEvent f => f.Receiver,
        _ => e.SessionId,
    };
}
