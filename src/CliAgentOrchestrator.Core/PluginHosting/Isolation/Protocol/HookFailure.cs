using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>The <c>error.data</c> of a hook or pre-hook that threw (code <see cref="PluginProtocol.HookFailed"/>).</summary>
internal sealed record HookFailure
{
    [JsonPropertyName("exception_type")] public string ExceptionType { get; init; } = "";
}
