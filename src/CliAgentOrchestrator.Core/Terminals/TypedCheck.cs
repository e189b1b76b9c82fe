namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>What the terminal shows of a message whose delivery was cut short (see <see cref="TerminalService.CheckTypedAsync"/>).</summary>
public enum TypedCheck
{
    /// <summary>The text never reached the terminal: type it again.</summary>
    NotTyped,

    /// <summary>The text was pasted and may still wait for its Enter: it gets one (on a ready prompt an extra Enter is an empty line), not a second copy.</summary>
    AwaitingEnter,

    /// <summary>The text was pasted; whether it was submitted can be told only once the agent is ready again.</summary>
    Undecided,
}
