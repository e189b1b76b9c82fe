using CliAgentOrchestrator.Core.Providers;

namespace CliAgentOrchestrator.Core.Terminals.Status;

/// <summary>
/// The sticky-status rule of reference §3.3. Screens flicker: a ready agent redraws a spinner
/// frame, a completed answer scrolls away and the screen then looks merely idle. Once a ready
/// state is reached it is therefore kept against processing/unknown readings and against
/// completed→idle, until input is sent, which allows one such step back. Not thread-safe.
/// </summary>
internal sealed class StatusLatch
{
    public TerminalStatus Current { get; private set; } = TerminalStatus.Unknown;

    /// <summary>Input was sent and the next backward step will be accepted.</summary>
    public bool RevertArmed { get; private set; }

    /// <summary>States the latch holds on to.</summary>
    public static bool IsSticky(TerminalStatus status) => status is
        TerminalStatus.Idle or TerminalStatus.Completed or TerminalStatus.WaitingUserAnswer or TerminalStatus.Error;

    public void ArmRevert() => RevertArmed = true;

    /// <summary>Takes a detector reading; true when <see cref="Current"/> changed.</summary>
    public bool Apply(TerminalStatus reading)
    {
        if (reading == Current)
            return false;
        if (IsSticky(Current) && IsBackwardStep(Current, reading) && !RevertArmed)
            return false;

        Current = reading;
        // Any accepted move answers the input that armed the revert: from now on the new state
        // is the one to protect.
        RevertArmed = false;
        return true;
    }

    /// <summary>Sets the state without the latch rule (e.g. "processing" assumed on dispatch).</summary>
    public bool Force(TerminalStatus status)
    {
        RevertArmed = false;
        if (status == Current)
            return false;
        Current = status;
        return true;
    }

    private static bool IsBackwardStep(TerminalStatus from, TerminalStatus to) =>
        to is TerminalStatus.Processing or TerminalStatus.Unknown
        || (from == TerminalStatus.Completed && to == TerminalStatus.Idle);
}
