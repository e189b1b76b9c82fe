using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli;

/// <summary>
/// `cao plugin …` once had its own runner with its own error format. Now every command goes through
/// <c>CliAction</c>: the same mistake reads the same, <c>error: …</c> (lowercase, as dotnet and git write it).
/// </summary>
public sealed class OneErrorFormatTests
{
    [Fact]
    public async Task NamingSomethingThatDoesNotExistIsOneErrorLineFromPluginAndSessionCommandsAlike()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var context = CliRunner.ContextFor(server);

        var plugin = await CliRunner.RunAsync(context, "plugin", "info", "ghost");
        var session = await CliRunner.RunAsync(context, "session", "status", "ghost");

        foreach (var result in new[] { plugin, session })
        {
            Assert.True(result.ExitCode == 1, result.ToString());
            var line = Assert.Single(result.ErrorLines);
            Assert.StartsWith("error: ", line);
            Assert.Contains("'ghost'", line);
            Assert.DoesNotContain("   at ", result.Error);
        }
    }

    [Theory]
    [InlineData("plugin", "enable", "ghost")]
    [InlineData("plugin", "uninstall", "ghost")]
    [InlineData("session", "send", "ghost", "hello")]
    [InlineData("shutdown", "--session", "ghost")]
    [InlineData("install", "ghost")]
    public async Task WithoutAServerEveryUserErrorStartsTheSameWay(params string[] args)
    {
        using var home = new TempDirectory();

        var result = await CliRunner.RunAsync(CliRunner.ContextWithoutServer(new CaoHome(home.Path)), args);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("error: ", Assert.Single(result.ErrorLines));
    }
}
