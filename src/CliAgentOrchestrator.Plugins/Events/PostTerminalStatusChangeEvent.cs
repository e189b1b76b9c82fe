using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Plugins;

/// <summary>
/// A terminal's status changed: fired once per real change, after the new status is stored, with
/// the values <c>GET /terminals/{id}</c> reports (<c>unknown</c>, <c>idle</c>, <c>processing</c>,
/// <c>completed</c>, <c>waiting_user_answer</c>, <c>error</c>). The event to alert on when an agent
/// finishes, fails or waits for an answer.
/// </summary>
public sealed record PostTerminalStatusChangeEvent : CaoEvent
{
    /// <summary>Creates the event with <see cref="CaoEvent.EventType"/> set to <see cref="EventTypes.PostTerminalStatusChange"/>.</summary>
    public PostTerminalStatusChangeEvent() => EventType = EventTypes.PostTerminalStatusChange;

    /// <summary>The terminal id: 8 lowercase hex characters.</summary>
    [JsonPropertyName("terminal_id")]
    public string TerminalId { get; init; } = "";

    /// <summary>The agent profile the terminal runs, when it has one.</summary>
    [JsonPropertyName("agent_name")]
    public string? AgentName { get; init; }

    /// <summary>The provider key, e.g. <c>claude_code</c>.</summary>
    [JsonPropertyName("provider")]
    public string Provider { get; init; } = "";

    /// <summary>The status before the change.</summary>
    [JsonPropertyName("previous_status")]
    public string PreviousStatus { get; init; } = "";

    /// <summary>The status now.</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = "";
}
