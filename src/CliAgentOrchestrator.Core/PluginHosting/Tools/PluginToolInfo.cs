using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Tools;

/// <summary>A plugin tool as <c>GET /plugin-tools</c> shows it and <c>cao mcp-server</c> offers it.</summary>
public sealed record PluginToolInfo
{
    /// <summary>The name agents call, <c>&lt;plugin&gt;_&lt;tool&gt;</c>.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("plugin")] public required string Plugin { get; init; }
    /// <summary>The tool's name within its plugin.</summary>
    [JsonPropertyName("tool")] public required string Tool { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    /// <summary>JSON schema of the arguments object.</summary>
    [JsonPropertyName("input_schema")] public required JsonObject InputSchema { get; init; }
    /// <summary>Whether its plugin is set up; when false, a call answers <see cref="Problem"/>.</summary>
    [JsonPropertyName("available")] public bool Available { get; init; }
    /// <summary>Why the tool cannot be called now (its plugin is not configured, or stopped).</summary>
    [JsonPropertyName("problem")] public string? Problem { get; init; }
}
