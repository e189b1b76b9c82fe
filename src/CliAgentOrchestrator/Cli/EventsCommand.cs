using System.CommandLine;

namespace CliAgentOrchestrator.Cli;

/// <summary><c>cao events tail</c>.</summary>
public static class EventsCommand
{
    public static Command Create(CliContext context) =>
        new("events", "Watch what agents do: the server's live event stream")
        {
            EventsTailCommand.Create(context),
        };
}
