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
}
