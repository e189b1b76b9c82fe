using CliAgentOrchestrator.Core.Tmux;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli;

public sealed class LaunchCommandTests
{
    [Fact]
    public async Task HeadlessLaunchWithAMessagePrintsTheAgentsAnswer()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server),
            "launch", "--agents", "developer", "--provider", "mock_cli", "--headless",
            "--working-directory", server.WorkDirectory, "tell me about pelicans");

        Assert.True(result.ExitCode == 0, result.ToString());
        // stdout is the answer and nothing else (`… > answer.txt`); what was created is told on stderr.
        // mock_cli answers "> MOCK: <input>"; the CLI prints the extracted answer, so only the agent's
        // screen can have produced it.
        Assert.Equal("tell me about pelicans", result.Out.Trim());
        var created = result.ErrorLines;
        Assert.StartsWith("Session created: cao-", created[0]);
        Assert.StartsWith("Terminal created: ", created[1]);
        var session = created[0]["Session created: ".Length..].Trim();
        Assert.True(await server.Tmux.HasSessionAsync(session));
    }

    [Fact]
    public async Task AsyncLaunchReturnsAtOnceAndTheAgentAnswersInTheBackground()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server),
            "launch", "--agents", "developer", "--provider", "mock_cli", "--headless", "--async",
            "--session-name", "bg", "--working-directory", server.WorkDirectory, "__mock_sleep_1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Message sent to", result.Out);
        Assert.DoesNotContain("slept", result.Out);
        var terminal = (await server.GetJsonAsync("/sessions/cao-bg"))["terminals"]!.AsArray()[0]!["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(terminal, "completed");
        var output = await server.GetJsonAsync($"/terminals/{terminal}/output?mode=last");
        Assert.Equal("slept 1s", output["output"]!.GetValue<string>().Trim());
    }

    [Fact]
    public async Task WithoutATerminalLaunchWaitsForTheAgentThenSaysHowToAttach()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server),
            "launch", "--agents", "reviewer", "--provider", "mock_cli", "--session-name", "attach-me",
            "--working-directory", server.WorkDirectory);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"tmux -L {server.Options.TmuxSocket} attach -t cao-attach-me", result.Error);
        // It waited for the agent to start before offering to attach.
        var terminal = (await server.GetJsonAsync("/sessions/cao-attach-me"))["terminals"]!.AsArray()[0]!;
        Assert.Contains(terminal["status"]!.GetValue<string>(), new[] { "idle", "completed" });
        Assert.Equal("reviewer", terminal["agent_profile"]!.GetValue<string>());
    }

    [Fact]
    public async Task EnvPairsReachTheAgentWindow()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server),
            "launch", "--agents", "developer", "--provider", "mock_cli", "--headless", "--session-name", "envy",
            "--env", "PELICAN_COLOUR=white", "--working-directory", server.WorkDirectory);

        Assert.True(result.ExitCode == 0, result.ToString());
        var terminal = (await server.GetJsonAsync("/sessions/cao-envy"))["terminals"]!.AsArray()[0]!;
        var target = new TmuxTarget("cao-envy", terminal["name"]!.GetValue<string>());
        // The pane's first process is started by tmux with the window environment; read it from /proc.
        var pid = await server.Tmux.DisplayAsync(target, "#{pane_pid}");
        var environment = (await File.ReadAllTextAsync($"/proc/{pid}/environ")).Split('\0');
        Assert.Contains("PELICAN_COLOUR=white", environment);
    }

    [Fact]
    public async Task AMalformedEnvPairIsOneLineAndNothingIsCreated()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server),
            "launch", "--agents", "developer", "--provider", "mock_cli", "--headless", "--env", "NOEQUALS");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: --env expects KEY=VALUE (got 'NOEQUALS'); did you forget the '='?"], result.ErrorLines);
        Assert.Empty((await server.GetJsonAsync("/sessions")).AsArray());
    }

    [Fact]
    public async Task ASessionNameInUseIsOneLineThatSaysWhatToDo()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        await server.CreateMockSessionAsync(sessionName: "taken");

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server),
            "launch", "--agents", "developer", "--provider", "mock_cli", "--headless", "--session-name", "taken",
            "--working-directory", server.WorkDirectory);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: Session 'taken' already exists; pick another --session-name, or shut it down with `cao shutdown --session taken`."], result.ErrorLines);
        Assert.Single((await server.GetJsonAsync("/sessions")).AsArray());
    }
}
