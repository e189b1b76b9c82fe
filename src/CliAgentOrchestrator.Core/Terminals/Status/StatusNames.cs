using CliAgentOrchestrator.Core.Providers;

namespace CliAgentOrchestrator.Core.Terminals.Status;

/// <summary>A status as the API writes it (<c>waiting_user_answer</c>), for events and metrics.</summary>
public static class StatusNames
{
    public static string Of(TerminalStatus status) => status switch
    {
        TerminalStatus.Idle => "idle",
        TerminalStatus.Processing => "processing",
        TerminalStatus.Completed => "completed",
        TerminalStatus.WaitingUserAnswer => "waiting_user_answer",
        TerminalStatus.Error => "error",
        _ => "unknown",
    };
}
