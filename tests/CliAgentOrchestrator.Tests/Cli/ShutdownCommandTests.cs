using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli;

public sealed class ShutdownCommandTests
{
    [Fact]
    public async Task ShuttingDownASessionRemovesItsTmuxSessionAndTerminals()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var terminal = await server.CreateMockSessionAsync(sessionName: "doomed");

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server), "shutdown", "--session", "doomed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("✓ Shut down session 'doomed'", result.Out.Trim());
        Assert.False(await server.Tmux.HasSessionAsync("cao-doomed"));
        await server.GetJsonAsync($"/terminals/{terminal["id"]}", System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ShuttingDownAnUnknownSessionIsOneLineAndExitCodeOne()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server), "shutdown", "--session", "ghost");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: Session 'ghost' not found; list sessions with `cao session list`."], result.ErrorLines);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task AllShutsDownEverySession()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        await server.CreateMockSessionAsync(sessionName: "one");
        await server.CreateMockSessionAsync(sessionName: "two");

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server), "shutdown", "--all");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("✓ Shut down session 'cao-one'", result.Out);
        Assert.Contains("✓ Shut down session 'cao-two'", result.Out);
        Assert.Empty((await server.GetJsonAsync("/sessions")).AsArray());
    }

    [Fact]
    public async Task NeitherSessionNorAllIsOneLine()
    {
        using var home = new TempDirectory();

        var result = await CliRunner.RunAsync(CliRunner.ContextWithoutServer(new CaoHome(home.Path)), "shutdown");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: Pass --session <name> or --all."], result.ErrorLines);
    }
}
