using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>
/// The <c>error.data</c> of a failed <c>setup</c> (code <see cref="PluginProtocol.SetupFailed"/>): the
/// tools the plugin would offer, so the server can list them as "not configured", as it does for an
/// in-process plugin whose setup failed.
/// </summary>
internal sealed record SetupFailure
{
    [JsonPropertyName("tools")] public IReadOnlyList<ToolDescriptor> Tools { get; init; } = [];
    [JsonPropertyName("refused_tools")] public IReadOnlyList<string> RefusedTools { get; init; } = [];
}
