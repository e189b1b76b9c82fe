using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Tools;

/// <summary>What a plugin tool answered: its text, and whether that text reports an error (an MCP tool error).</summary>
public sealed record PluginToolResult
{
    [JsonPropertyName("is_error")] public bool IsError { get; init; }
    [JsonPropertyName("text")] public required string Text { get; init; }

    public static PluginToolResult Error(string text) => new() { IsError = true, Text = text };
}
