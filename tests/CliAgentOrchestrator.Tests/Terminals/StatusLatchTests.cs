using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Terminals.Status;
using static CliAgentOrchestrator.Plugins.Providers.TerminalStatus;

namespace CliAgentOrchestrator.Tests.Terminals;

public sealed class StatusLatchTests
{
    [Fact]
    public void ItStartsUnknownAndFollowsReadingsUntilAReadyState()
    {
        var latch = new StatusLatch();
        Assert.Equal(Unknown, latch.Current);

        Assert.True(latch.Apply(Processing));
        Assert.True(latch.Apply(Unknown));
        Assert.True(latch.Apply(Processing));
        Assert.False(latch.Apply(Processing));
        Assert.True(latch.Apply(Idle));
        Assert.Equal(Idle, latch.Current);
    }

    [Theory]
    [InlineData(Idle)]
    [InlineData(Completed)]
    [InlineData(WaitingUserAnswer)]
    [InlineData(Error)]
    public void AReadyStateIgnoresProcessingAndUnknownReadings(TerminalStatus ready)
    {
        var latch = Latched(ready);

        Assert.False(latch.Apply(Processing));
        Assert.False(latch.Apply(Unknown));
        Assert.Equal(ready, latch.Current);
    }

    [Fact]
    public void CompletedDoesNotFallBackToIdle()
    {
        var latch = Latched(Completed);

        Assert.False(latch.Apply(Idle));
        Assert.Equal(Completed, latch.Current);
    }

    [Theory]
    [InlineData(Idle, Completed)]
    [InlineData(Idle, WaitingUserAnswer)]
    [InlineData(Completed, WaitingUserAnswer)]
    [InlineData(Completed, Error)]
    [InlineData(WaitingUserAnswer, Completed)]
    [InlineData(WaitingUserAnswer, Idle)]
    [InlineData(Error, Idle)]
    public void MovesBetweenReadyStatesAreAccepted(TerminalStatus from, TerminalStatus to)
    {
        var latch = Latched(from);

        Assert.True(latch.Apply(to));
        Assert.Equal(to, latch.Current);
    }

    [Fact]
    public void SendingInputAllowsOneStepBack()
    {
        var latch = Latched(Completed);

        latch.ArmRevert();
        Assert.True(latch.Apply(Processing));
        Assert.False(latch.RevertArmed);
        Assert.True(latch.Apply(Completed));
        // The revert was used up: the next stray processing reading is ignored again.
        Assert.False(latch.Apply(Processing));
        Assert.Equal(Completed, latch.Current);
    }

    [Fact]
    public void AnArmedRevertAlsoAllowsCompletedToIdle()
    {
        var latch = Latched(Completed);

        latch.ArmRevert();

        Assert.True(latch.Apply(Idle));
    }

    [Fact]
    public void AnArmedRevertStaysArmedWhileTheScreenHasNotMoved()
    {
        var latch = Latched(Idle);

        latch.ArmRevert();
        Assert.False(latch.Apply(Idle));

        Assert.True(latch.RevertArmed);
        Assert.True(latch.Apply(Processing));
    }

    [Fact]
    public void AMoveToAnotherReadyStateConsumesTheRevert()
    {
        var latch = Latched(Idle);
        latch.ArmRevert();

        // The agent answered before a processing screen was ever seen.
        Assert.True(latch.Apply(Completed));

        Assert.False(latch.RevertArmed);
        Assert.False(latch.Apply(Processing));
    }

    [Fact]
    public void ForcingSkipsTheRuleAndDisarms()
    {
        var latch = Latched(Idle);
        latch.ArmRevert();

        Assert.True(latch.Force(Processing));
        Assert.False(latch.RevertArmed);
        Assert.Equal(Processing, latch.Current);
        Assert.False(latch.Force(Processing));
    }

    private static StatusLatch Latched(TerminalStatus status)
    {
        var latch = new StatusLatch();
        latch.Apply(status);
        Assert.Equal(status, latch.Current);
        return latch;
    }
}
