using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>One hook of the plugin: the runner's id for it, the event it takes and a name for logs.</summary>
internal sealed record HookDescriptor
{
    [JsonPropertyName("id")] public int Id { get; init; }
    [JsonPropertyName("event_type")] public string EventType { get; init; } = "";
    [JsonPropertyName("hook")] public string Hook { get; init; } = "";
}
