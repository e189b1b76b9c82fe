using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>The answer of <c>POST /plugins/{name}/test</c>: the event as the plugin received it, and what each hook did.</summary>
public sealed record PluginTrialResult
{
    [JsonPropertyName("plugin")] public required string Plugin { get; init; }
    [JsonPropertyName("event_type")] public required string EventType { get; init; }
    /// <summary>The synthetic event, every field, as JSON.</summary>
    [JsonPropertyName("event")] public required JsonNode Event { get; init; }
    /// <summary>One entry per hook (or pre-hook) of the plugin for this event type, in call order.</summary>
    [JsonPropertyName("hooks")] public required IReadOnlyList<HookOutcome> Hooks { get; init; }
}
