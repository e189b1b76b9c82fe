using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli;

public sealed class ServerDownTests
{
    [Theory]
    [InlineData("launch", "--agents", "developer", "--provider", "mock_cli", "--headless", "hello")]
    [InlineData("shutdown", "--session", "anything")]
    [InlineData("shutdown", "--all")]
    [InlineData("session", "list")]
    [InlineData("session", "status", "anything")]
    [InlineData("session", "send", "0badc0de", "hello")]
    public async Task EveryServerCommandSaysInOneLineThatTheServerIsNotRunning(params string[] args)
    {
        using var home = new TempDirectory();
        var context = CliRunner.ContextWithoutServer(new CaoHome(home.Path));

        var result = await CliRunner.RunAsync(context, args);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: Failed to connect to cao-server at {context.ServerUrl}", line);
        Assert.EndsWith("Is it running? Start it with `cao server`.", line);
    }
}
