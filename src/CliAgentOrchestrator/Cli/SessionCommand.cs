using System.CommandLine;

namespace CliAgentOrchestrator.Cli;

/// <summary><c>cao session list|status|send</c>.</summary>
public static class SessionCommand
{
    public static Command Create(CliContext context) =>
        new("session", "Inspect CAO sessions and talk to their terminals")
        {
            SessionListCommand.Create(context),
            SessionStatusCommand.Create(context),
            SessionSendCommand.Create(context),
        };
}
