using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>One pre-hook of the plugin, with the place in the chain and the failure policy the server applies.</summary>
internal sealed record PreHookDescriptor
{
    [JsonPropertyName("id")] public int Id { get; init; }
    [JsonPropertyName("event_type")] public string EventType { get; init; } = "";
    [JsonPropertyName("hook")] public string Hook { get; init; } = "";
    [JsonPropertyName("order")] public int Order { get; init; }
    [JsonPropertyName("fail_closed")] public bool FailClosed { get; init; }
    [JsonPropertyName("timeout_ms")] public long TimeoutMs { get; init; }
}
