using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Tests.Tmux;

public sealed class TmuxResultTests
{
    [Theory]
    [InlineData("no server running on /tmp/tmux-1000/cao")]
    [InlineData("error connecting to /tmp/tmux-1000/cao (No such file or directory)")]
    // Seen when the last session closes and the server exits (exit-empty) as the command connects.
    [InlineData("server exited unexpectedly")]
    public void EveryWayOfSayingThereIsNoServerCountsAsNoServer(string stderr) =>
        Assert.True(new TmuxResult(["list-sessions"], 1, "", stderr).NoServer);

    [Fact]
    public void OtherFailuresAreNotNoServer() =>
        Assert.False(new TmuxResult(["kill-window"], 1, "", "can't find window: nope").NoServer);
}
