using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>The runner's answer to <c>initialize</c>.</summary>
internal sealed record InitializeResult
{
    [JsonPropertyName("protocol_version")] public int ProtocolVersion { get; init; }
    [JsonPropertyName("sdk_version")] public string SdkVersion { get; init; } = "";
    [JsonPropertyName("runner")] public string Runner { get; init; } = "";
    [JsonPropertyName("pid")] public int Pid { get; init; }
    [JsonPropertyName("capabilities")] public IReadOnlyList<string> Capabilities { get; init; } = [];
}
