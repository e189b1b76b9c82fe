using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli;

public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("Unrecognized command or argument 'frobnicate'", "frobnicate")]
    [InlineData("Option '--agents' is required.", "launch", "--headless")]
    [InlineData("Required argument missing for command: 'install'.", "install")]
    [InlineData("Required argument missing for command: 'send'.", "session", "send", "0badc0de")]
    public async Task BadCommandLinesGetSystemCommandLinesUsageError(string expected, params string[] args)
    {
        using var home = new TempDirectory();

        var result = await CliRunner.RunAsync(CliRunner.ContextWithoutServer(new CaoHome(home.Path)), args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }
}
