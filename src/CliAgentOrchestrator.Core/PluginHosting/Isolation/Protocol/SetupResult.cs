using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>The answer to <c>setup</c>: the plugin's identity and the hooks the server routes to it and the tools it offers.</summary>
internal sealed record SetupResult
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("hooks")] public IReadOnlyList<HookDescriptor> Hooks { get; init; } = [];
    [JsonPropertyName("pre_hooks")] public IReadOnlyList<PreHookDescriptor> PreHooks { get; init; } = [];
    [JsonPropertyName("refused_hooks")] public IReadOnlyList<string> RefusedHooks { get; init; } = [];
    /// <summary>The plugin's tools; only read from a runner that lists <c>tool.call</c> in its capabilities.</summary>
    [JsonPropertyName("tools")] public IReadOnlyList<ToolDescriptor> Tools { get; init; } = [];
    [JsonPropertyName("refused_tools")] public IReadOnlyList<string> RefusedTools { get; init; } = [];
}
