using System.Net;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary>
/// A <c>model</c> given to a session, an added terminal (assign) or run-step (handoff) reaches the agent
/// CLI's launch command: mock_cli names the model it was started with in its banner.
/// </summary>
public sealed class ModelOverrideTests
{
    [Fact]
    public async Task ModelOfANewSessionAndOfAnAddedTerminalReachTheirCli()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var cwd = Uri.EscapeDataString(server.WorkDirectory);

        var first = await server.PostJsonAsync(
            $"/sessions?provider=mock_cli&agent_profile=developer&model=model-of-session&working_directory={cwd}", expected: HttpStatusCode.Created);
        var session = first["session_name"]!.GetValue<string>();
        var second = await server.PostJsonAsync(
            $"/sessions/{session}/terminals?provider=mock_cli&agent_profile=reviewer&model=model-of-worker&working_directory={cwd}", expected: HttpStatusCode.Created);

        await BannerNamesAsync(server, first["id"]!.GetValue<string>(), "model-of-session");
        await BannerNamesAsync(server, second["id"]!.GetValue<string>(), "model-of-worker");
    }

    [Fact]
    public async Task ModelOfARunStepReachesTheWorkersCli()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        var result = await server.PostJsonAsync("/terminals/run-step", new
        {
            agent = "reviewer",
            prompt = "hello worker",
            provider = "mock_cli",
            teardown = false,
            timeout = 120,
            working_directory = server.WorkDirectory,
            model = "model-of-handoff",
        });

        Assert.Equal("hello worker", result["last_message"]!.GetValue<string>());
        await BannerNamesAsync(server, result["terminal_id"]!.GetValue<string>(), "model-of-handoff");
    }

    // The terminal's log on disk keeps everything the pane printed (output?mode=full restarts at each input).
    private static Task BannerNamesAsync(CaoTestServer server, string terminalId, string model) =>
        Poll.UntilAsync(
            () => File.Exists(server.Home.TerminalLogFile(terminalId))
                && File.ReadAllText(server.Home.TerminalLogFile(terminalId)).Contains($"MockCli ready (model: {model})."),
            $"terminal {terminalId} started with model {model}");
}
