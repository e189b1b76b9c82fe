using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>The answer to <c>setup</c>: the plugin's identity and the hooks the server routes to it.</summary>
internal sealed record SetupResult
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("hooks")] public IReadOnlyList<HookDescriptor> Hooks { get; init; } = [];
    [JsonPropertyName("pre_hooks")] public IReadOnlyList<PreHookDescriptor> PreHooks { get; init; } = [];
    [JsonPropertyName("refused_hooks")] public IReadOnlyList<string> RefusedHooks { get; init; } = [];
}
