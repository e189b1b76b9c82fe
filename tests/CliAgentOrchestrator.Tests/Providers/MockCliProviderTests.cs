using CliAgentOrchestrator.Core.Tmux;
using CliAgentOrchestrator.Core.Providers;

using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Providers;

public sealed class MockCliProviderTests
{
    private static MockCliProvider Provider(string? script = null) =>
        new(new ProviderContext("0123abcd", "cao-t", "developer-ab12", null, null, Path.GetTempPath()), script);

    [Theory]
    [InlineData("MockCli ready.\n❯ ", TerminalStatus.Idle)]
    [InlineData("MockCli ready.\n❯ hello\n", TerminalStatus.Processing)]
    [InlineData("MockCli ready.\n❯ hello\n> MOCK: hello\n❯ ", TerminalStatus.Completed)]
    [InlineData("❯ hello\n> MOCK: hello\n❯ __mock_error__\nERROR: mock failure injected\n❯ ", TerminalStatus.Error)]
    [InlineData("❯ __mock_error__\nERROR: mock failure injected\n❯ again\n> MOCK: again\n❯ ", TerminalStatus.Completed)]
    [InlineData("❯ __mock_approval__\nAPPROVAL_REQUIRED: run the mock action? [y/n] ", TerminalStatus.WaitingUserAnswer)]
    [InlineData("❯ __mock_approval__\nAPPROVAL_REQUIRED: run? [y/n] y\n> MOCK: approved\n❯ ", TerminalStatus.Completed)]
    [InlineData("user@host:~$ ", TerminalStatus.Processing)]
    [InlineData("", TerminalStatus.Unknown)]
    public void StatusFollowsTheScreen(string screen, TerminalStatus expected)
    {
        Assert.Equal(expected, Provider().GetStatus(screen));
    }

    [Fact]
    public void StatusReadsScreensWithEscapes()
    {
        Assert.Equal(TerminalStatus.Completed, Provider().GetStatus("\u001b[1m> MOCK: hi\u001b[0m\r\n\u001b[32m❯\u001b[0m "));
    }

    [Fact]
    public void ExtractionReturnsTheTextOfTheLastAnswer()
    {
        var screen = "❯ one\n> MOCK: one\n❯ two words\n> MOCK: two words\n❯ ";
        Assert.Equal("two words", Provider().ExtractLastMessage(screen));
    }

    [Fact]
    public void ExtractionWithoutAnswerThrows()
    {
        Assert.Throws<ProviderExtractionException>(() => Provider().ExtractLastMessage("MockCli ready.\n❯ "));
    }

    [Fact]
    public void SubmitsWithOneEnterAndExitsWithSlashExit()
    {
        var provider = Provider();
        Assert.Equal(1, provider.PasteEnterCount);
        Assert.True(provider.PasteSubmitDelay < TimeSpan.FromSeconds(1));
        Assert.Equal("/exit", provider.ExitCommand);
        Assert.Equal("mock_cli", provider.Key);
    }

    [Fact]
    public void LaunchCommandRunsTheBundledScriptByAbsolutePath()
    {
        var provider = Provider();
        Assert.True(Path.IsPathRooted(provider.ScriptPath));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "tools", "mock_cli"), provider.ScriptPath);
        Assert.True(File.Exists(provider.ScriptPath), "tools/mock_cli must be copied to the build output");
        Assert.Equal(ShellQuote.Quote(provider.ScriptPath) + " --delay-ms 50", provider.BuildLaunchCommand());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // CAO drives tmux: Unix only
    public void LaunchRestoresALostExecutableBit()
    {
        using var temp = new TempDirectory();
        var copy = temp.Combine("mock_cli");
        File.Copy(MockCliProvider.DefaultScriptPath, copy);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Provider(copy).BuildLaunchCommand();

        Assert.True((File.GetUnixFileMode(copy) & UnixFileMode.UserExecute) != 0);
    }
}
