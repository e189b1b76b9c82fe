using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary><c>state.get_terminal</c> (child → server): the plugin's <c>Context.State.GetTerminalAsync</c>.</summary>
internal sealed record GetTerminalParams
{
    [JsonPropertyName("terminal_id")] public string TerminalId { get; init; } = "";
}
