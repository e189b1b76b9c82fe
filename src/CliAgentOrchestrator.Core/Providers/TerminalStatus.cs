using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.Providers;

/// <summary>What an agent CLI is doing, read from its screen. JSON form: snake_case strings.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TerminalStatus>))]
public enum TerminalStatus
{
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("idle")] Idle,
    [JsonStringEnumMemberName("processing")] Processing,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("waiting_user_answer")] WaitingUserAnswer,
    [JsonStringEnumMemberName("error")] Error,
}
