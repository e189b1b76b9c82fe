using System.Text.Json;
using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary><c>hook</c> and <c>pre_hook</c> (server → child): call hook <see cref="HookId"/> with an event, as CAO publishes it.</summary>
internal sealed record HookParams
{
    [JsonPropertyName("hook_id")] public int HookId { get; init; }
    [JsonPropertyName("event")] public JsonElement Event { get; init; }
}
