using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary><c>initialize</c> (server → child): the first message; versions and what the server answers.</summary>
internal sealed record InitializeParams
{
    [JsonPropertyName("protocol_version")] public int ProtocolVersion { get; init; }
    [JsonPropertyName("sdk_version")] public string SdkVersion { get; init; } = "";
    [JsonPropertyName("server")] public string Server { get; init; } = "";
    [JsonPropertyName("capabilities")] public IReadOnlyList<string> Capabilities { get; init; } = [];
}
