using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary><c>log</c> (child → server, notification): one log record of the plugin or of the runner.</summary>
internal sealed record LogParams
{
    /// <summary><c>trace</c>, <c>debug</c>, <c>information</c>, <c>warning</c>, <c>error</c> or <c>critical</c>.</summary>
    [JsonPropertyName("level")] public string Level { get; init; } = "information";
    [JsonPropertyName("category")] public string? Category { get; init; }
    [JsonPropertyName("message")] public string Message { get; init; } = "";
    [JsonPropertyName("exception")] public string? Exception { get; init; }
}
