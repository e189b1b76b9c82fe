using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary><c>setup</c> (server → child): load one plugin from a folder and run its setup.</summary>
internal sealed record SetupParams
{
    [JsonPropertyName("plugin")] public string Plugin { get; init; } = "";
    [JsonPropertyName("folder")] public string Folder { get; init; } = "";
    [JsonPropertyName("linked")] public bool Linked { get; init; }
    [JsonPropertyName("settings")] public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    [JsonPropertyName("setup_timeout_ms")] public long SetupTimeoutMs { get; init; }
    [JsonPropertyName("teardown_timeout_ms")] public long TeardownTimeoutMs { get; init; }
    /// <summary>How long one tool call may run (the server also stops waiting then); 0 when the server did not say.</summary>
    [JsonPropertyName("tool_timeout_ms")] public long ToolTimeoutMs { get; init; }
}
