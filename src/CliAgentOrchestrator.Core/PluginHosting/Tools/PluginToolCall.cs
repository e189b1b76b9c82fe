using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Tools;

/// <summary>The body of <c>POST /plugin-tools/{name}/call</c>.</summary>
public sealed record PluginToolCall
{
    /// <summary>The calling agent's terminal, checked against its allowed tools and handed to the tool.</summary>
    [JsonPropertyName("terminal_id")] public string? TerminalId { get; init; }
    /// <summary>The tool's arguments object, as the agent sent it.</summary>
    [JsonPropertyName("arguments")] public JsonObject? Arguments { get; init; }
}
