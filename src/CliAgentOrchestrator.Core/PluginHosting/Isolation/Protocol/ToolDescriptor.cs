using System.Text.Json;
using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>One tool of the plugin, as the runner bound it: what agents see, and the name <c>tool.call</c> takes.</summary>
internal sealed record ToolDescriptor
{
    /// <summary>The tool's own name (<c>[CaoTool("name")]</c>).</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    /// <summary><c>&lt;plugin&gt;_&lt;tool&gt;</c>; the server checks it is what it would have made of the two names.</summary>
    [JsonPropertyName("qualified_name")] public string QualifiedName { get; init; } = "";
    [JsonPropertyName("description")] public string? Description { get; init; }
    /// <summary>JSON schema of the arguments object.</summary>
    [JsonPropertyName("input_schema")] public JsonElement InputSchema { get; init; }
}
