using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>What an agent CLI is doing, read from its screen. JSON form: snake_case strings.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TerminalStatus>))]
public enum TerminalStatus
{
    /// <summary>Not read yet, or the screen matches no rule.</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,
    /// <summary>The CLI waits for input and has not answered anything yet.</summary>
    [JsonStringEnumMemberName("idle")] Idle,
    /// <summary>The CLI is working on input.</summary>
    [JsonStringEnumMemberName("processing")] Processing,
    /// <summary>The CLI answered and waits for the next input.</summary>
    [JsonStringEnumMemberName("completed")] Completed,
    /// <summary>The CLI asks a question (a permission, a choice) and waits for the answer.</summary>
    [JsonStringEnumMemberName("waiting_user_answer")] WaitingUserAnswer,
    /// <summary>The CLI failed or exited.</summary>
    [JsonStringEnumMemberName("error")] Error,
}
