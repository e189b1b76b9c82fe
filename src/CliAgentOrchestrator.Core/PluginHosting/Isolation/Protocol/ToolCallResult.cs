using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>The answer to <c>tool.call</c>: the text the agent reads, and whether it reports a tool error.</summary>
internal sealed record ToolCallResult
{
    [JsonPropertyName("text")] public string Text { get; init; } = "";
    [JsonPropertyName("is_error")] public bool IsError { get; init; }
}
