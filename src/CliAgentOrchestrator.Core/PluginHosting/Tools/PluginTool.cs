using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.Core.PluginHosting.Tools;

/// <summary>
/// One <c>[CaoTool]</c> method of a plugin type, read from the type alone (no instance needed), so a
/// plugin whose setup failed still lists its tools. An isolated plugin's tools are described by its
/// child (<c>setup</c>) and have no method here.
/// </summary>
internal sealed record PluginTool
{
    public required string PluginName { get; init; }
    public required string ToolName { get; init; }
    /// <summary>What agents call: <c>&lt;plugin&gt;_&lt;tool&gt;</c>.</summary>
    public required string QualifiedName { get; init; }
    public string? Description { get; init; }
    public required JsonObject InputSchema { get; init; }
    /// <summary>The method to call; null for a tool of an isolated plugin, which its child process calls.</summary>
    public MethodInfo? Method { get; init; }
    /// <summary>How each parameter of <see cref="Method"/> is filled.</summary>
    public IReadOnlyList<ToolParameterKind> Parameters { get; init; } = [];
    /// <summary>The arguments object's type, when the method takes one.</summary>
    public Type? ArgumentsType { get; init; }
    /// <summary>
    /// The tool's own serializer options: System.Text.Json caches metadata of the plugin's types in
    /// them, so they must die with the plugin, or its load context could never be collected.
    /// </summary>
    public JsonSerializerOptions Json { get; init; } = JsonSerializerOptions.Default;

    /// <summary>Where the tool comes from, for refusals: its method, or its plugin's child process.</summary>
    public string Origin => Method is null ? "in its plugin host" : $"{Method.DeclaringType?.Name}.{Method.Name}";
}
