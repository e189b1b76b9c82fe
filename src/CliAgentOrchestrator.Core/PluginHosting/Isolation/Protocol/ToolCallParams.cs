using System.Text.Json;
using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary><c>tool.call</c> (server → child): run one of the plugin's tools for an agent.</summary>
internal sealed record ToolCallParams
{
    /// <summary>The tool's qualified name, as listed in <c>setup</c>'s <c>tools</c>.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    /// <summary>The arguments object as the agent sent it (unchecked: the runner validates it against the tool).</summary>
    [JsonPropertyName("arguments")] public JsonElement? Arguments { get; init; }
    /// <summary>The calling agent's terminal, or null when the caller is not a CAO terminal.</summary>
    [JsonPropertyName("terminal_id")] public string? TerminalId { get; init; }
}
