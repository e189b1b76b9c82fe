using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Tests.Tmux;

public sealed class TmuxTargetTests
{
    [Fact]
    public void TargetsAreExactOnBothSessionAndWindow()
    {
        Assert.Equal("=cao-a:=dev-1a2b", new TmuxTarget("cao-a", "dev-1a2b").ToString());
        Assert.Equal("=cao-a", TmuxTarget.ExactSession("cao-a"));
    }

    [Theory]
    [InlineData("cao:a", "w")]
    [InlineData("cao.a", "w")]
    [InlineData("cao-a", "w.1")]
    [InlineData("cao-a", "w:1")]
    [InlineData("cao-a", "")]
    [InlineData("cao-a", "w\n")]
    public void NamesThatTmuxWouldParseAsAnotherTargetAreRefused(string session, string window)
    {
        Assert.ThrowsAny<ArgumentException>(() => new TmuxTarget(session, window));
    }

    [Fact]
    public void ShellQuotingKeepsEveryCharacterLiteral()
    {
        Assert.Equal("'/tmp/a b'", ShellQuote.Single("/tmp/a b"));
        Assert.Equal("'it'\\''s $HOME `x`'", ShellQuote.Single("it's $HOME `x`"));
    }
}
