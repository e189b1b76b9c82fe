using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Api;

/// <summary>The body of <c>POST /plugins/{name}/test</c>.</summary>
public sealed record PluginTestRequest
{
    /// <summary>The event type, e.g. <c>post_send_message</c> or <c>pre_send_message</c>.</summary>
    [JsonPropertyName("event_type")] public string? EventType { get; init; }

    /// <summary>Event fields by their JSON name (<c>sender</c>, <c>message</c>, …), as strings; the others keep test defaults.</summary>
    [JsonPropertyName("fields")] public Dictionary<string, string>? Fields { get; init; }
}
