using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>The answer to <c>pre_hook</c>: <c>allow</c>, <c>deny</c> (with reason and code) or <c>replace_message</c> (with message).</summary>
internal sealed record PreHookResult
{
    [JsonPropertyName("decision")] public string Decision { get; init; } = "allow";
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
}
