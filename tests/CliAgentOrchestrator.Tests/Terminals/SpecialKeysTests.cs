using CliAgentOrchestrator.Core.Terminals.Input;

namespace CliAgentOrchestrator.Tests.Terminals;

public sealed class SpecialKeysTests
{
    [Theory]
    [InlineData("Up")]
    [InlineData("Down")]
    [InlineData("Left")]
    [InlineData("Right")]
    [InlineData("Enter")]
    [InlineData("Tab")]
    [InlineData("Escape")]
    [InlineData("Space")]
    [InlineData("y")]
    [InlineData("N")]
    [InlineData("3")]
    [InlineData("C-c")]
    [InlineData("C-d")]
    [InlineData("M-x")]
    [InlineData("S-a")]
    [InlineData("C-1")]
    public void NavigationConfirmationAndModifiedKeysAreAllowed(string key) => Assert.True(SpecialKeys.IsAllowed(key));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("enter")]
    [InlineData("C-")]
    [InlineData("C-cc")]
    [InlineData("X-c")]
    [InlineData("F1")]
    [InlineData("BSpace")]
    [InlineData(";")]
    [InlineData("Enter\n")]
    [InlineData("y;kill-server")]
    [InlineData("é")]
    public void EverythingElseIsRefused(string? key)
    {
        Assert.False(SpecialKeys.IsAllowed(key));
        Assert.Throws<InvalidSpecialKeyException>(() => SpecialKeys.Validate(key));
    }

    [Theory]
    [InlineData("bash", true)]
    [InlineData("-bash", true)]
    [InlineData("zsh", true)]
    [InlineData("fish", true)]
    [InlineData("sh", true)]
    [InlineData("dash", true)]
    [InlineData("ksh", true)]
    [InlineData("/bin/bash", true)]
    [InlineData("node", false)]
    [InlineData("claude", false)]
    [InlineData("kiro-cli", false)]
    [InlineData("cat", false)]
    [InlineData("bashful", false)]
    public void PlainShellsAreRecognisedByTheirCommandName(string command, bool isShell) =>
        Assert.Equal(isShell, PlainShells.IsPlainShell(command));
}
