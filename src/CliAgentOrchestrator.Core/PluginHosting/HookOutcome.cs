using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>What one hook did with an event sent by <c>cao plugin test</c> (<c>POST /plugins/{name}/test</c>).</summary>
public sealed record HookOutcome
{
    /// <summary>The hook method as <c>Type.Method</c>.</summary>
    [JsonPropertyName("hook")] public required string Hook { get; init; }

    /// <summary><c>ok</c>, <c>exception</c>, <c>timeout</c> or <c>skipped</c> (the plugin has too many abandoned calls running).</summary>
    [JsonPropertyName("outcome")] public required string Outcome { get; init; }

    /// <summary>How long the call ran, in milliseconds (up to the timeout when it was abandoned).</summary>
    [JsonPropertyName("duration_ms")] public double DurationMs { get; init; }

    /// <summary>The exception's type name, when the hook threw.</summary>
    [JsonPropertyName("exception_type")] public string? ExceptionType { get; init; }

    /// <summary>The exception's message, or what timed out.</summary>
    [JsonPropertyName("message")] public string? Message { get; init; }

    /// <summary>For a pre-hook: <c>allow</c>, <c>deny</c> or <c>replace_message</c>.</summary>
    [JsonPropertyName("decision")] public string? Decision { get; init; }

    /// <summary>For a pre-hook that denied: its reason.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }

    /// <summary>For a pre-hook that denied: its machine-readable code, if it gave one.</summary>
    [JsonPropertyName("code")] public string? Code { get; init; }

    /// <summary>For a pre-hook that replaced the message: the new text.</summary>
    [JsonPropertyName("replacement")] public string? Replacement { get; init; }
}
