using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli;

public sealed class SessionCommandTests
{
    [Fact]
    public async Task ListShowsALaunchedSessionWithItsConductor()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var context = CliRunner.ContextFor(server);
        var launched = await CliRunner.RunAsync(context,
            "launch", "--agents", "developer", "--provider", "mock_cli", "--headless", "--session-name", "listed",
            "--working-directory", server.WorkDirectory, "hello");
        Assert.True(launched.ExitCode == 0, launched.ToString());
        var terminal = (await server.GetJsonAsync("/sessions/cao-listed"))["terminals"]!.AsArray()[0]!["id"]!.GetValue<string>();

        var result = await CliRunner.RunAsync(context, "session", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Piped: tab-separated, header first.
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("SESSION\tTMUX\tCONDUCTOR\tAGENT\tSTATUS\tTERMINALS", lines[0]);
        var row = Assert.Single(lines[1..]).Split('\t');
        Assert.Equal(["cao-listed", "detached", terminal, "developer", "completed", "1"], row);

        var json = await CliRunner.RunAsync(context, "session", "list", "--json");
        var session = Assert.Single(System.Text.Json.Nodes.JsonNode.Parse(json.Out)!.AsArray())!;
        Assert.Equal("""{"name":"cao-listed","status":"detached","conductor_id":"TERMINAL","conductor_agent":"developer","conductor_status":"completed","terminals":1}""".Replace("TERMINAL", terminal),
            session.ToJsonString());
        var status = await CliRunner.RunAsync(context, "session", "status", "listed", "--json");
        var detail = System.Text.Json.Nodes.JsonNode.Parse(status.Out)!;
        Assert.Equal("cao-listed", (string?)detail["session"]!["name"]);
        Assert.Equal(terminal, (string?)Assert.Single(detail["terminals"]!.AsArray())!["id"]);
        Assert.Equal("hello", ((string?)detail["last_answer"]!["text"])?.Trim());
    }

    [Fact]
    public async Task ListWithNoSessionsSaysSo()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server), "session", "list");
        var json = await CliRunner.RunAsync(CliRunner.ContextFor(server), "session", "list", "--json");

        Assert.Equal((0, "", "No active sessions."), (result.ExitCode, result.Out, result.Error.Trim()));
        Assert.Equal((0, "[]"), (json.ExitCode, json.Out.Trim()));
    }

    [Fact]
    public async Task StatusShowsEveryTerminalAndTheLastAnswer()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var context = CliRunner.ContextFor(server);
        var launched = await CliRunner.RunAsync(context,
            "launch", "--agents", "developer", "--provider", "mock_cli", "--headless", "--session-name", "watched",
            "--working-directory", server.WorkDirectory, "status please");
        Assert.True(launched.ExitCode == 0, launched.ToString());
        var worker = await server.PostJsonAsync(
            $"/sessions/cao-watched/terminals?agent_profile=reviewer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}",
            expected: System.Net.HttpStatusCode.Created);
        await server.WaitForStatusAsync(worker["id"]!.GetValue<string>(), "idle");

        var result = await CliRunner.RunAsync(context, "session", "status", "watched");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Session:   cao-watched (detached)", result.Out);
        Assert.Matches(@"\n[0-9a-f]{8}\s+developer-\w+\s+developer\s+mock_cli\s+completed\n", result.Out);
        Assert.Matches($@"\n{worker["id"]}\s+reviewer-\w+\s+reviewer\s+mock_cli\s+idle\n", result.Out);
        Assert.Contains("Last answer of", result.Out);
        Assert.EndsWith("status please", result.Out.Trim());
    }

    [Fact]
    public async Task StatusOfAnUnknownSessionIsOneLine()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server), "session", "status", "nowhere");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: Session 'nowhere' not found; list sessions with `cao session list`."], result.ErrorLines);
    }

    [Fact]
    public async Task SendTypesRawInputPrintsTheAnswerAndFiresNoMessageEvent()
    {
        await using var server = await CaoTestServer.StartAsync();
        var terminal = (await server.CreateMockSessionAsync(sessionName: "chat"))["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(terminal, "idle");
        var context = CliRunner.ContextFor(server);

        var result = await CliRunner.RunAsync(context, "session", "send", terminal, "are you there?");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("are you there?", result.Out.Trim());
        // Plugins see events in order: once the kill is recorded, a post_send_message would be too.
        Assert.Equal(0, (await CliRunner.RunAsync(context, "shutdown", "--session", "chat")).ExitCode);
        await Poll.UntilAsync(() => server.RecordedEvents().Any(e => (string?)e["event_type"] == "post_kill_session"), "post_kill_session recorded");
        Assert.DoesNotContain(server.RecordedEvents(), e => (string?)e["event_type"] == "post_send_message");
    }

    [Fact]
    public async Task ASecondSendPrintsTheNewAnswerNotTheOneLeftFromTheFirst()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var terminal = (await server.CreateMockSessionAsync(sessionName: "twice"))["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(terminal, "idle");
        var context = CliRunner.ContextFor(server);

        var first = await CliRunner.RunAsync(context, "session", "send", terminal, "first question");
        Assert.Equal("completed", await server.StatusAsync(terminal));
        var second = await CliRunner.RunAsync(context, "session", "send", terminal, "second question");

        Assert.Equal("first question", first.Out.Trim());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("second question", second.Out.Trim());
    }

    [Fact]
    public async Task SendingToABusyTerminalIsRefusedInOneLine()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var terminal = (await server.CreateMockSessionAsync(sessionName: "busy"))["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(terminal, "idle");
        await server.PostJsonAsync($"/terminals/{terminal}/input?message=__mock_sleep_5");
        await server.WaitForStatusAsync(terminal, "processing");

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server), "session", "send", terminal, "hello?");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"error: Terminal {terminal} is processing; wait until it is idle (`cao session status`) and send again."], result.ErrorLines);
    }

    [Fact]
    public async Task SendToASessionNameGoesToItsFirstTerminal()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var terminal = (await server.CreateMockSessionAsync(sessionName: "byname"))["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(terminal, "idle");

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server), "session", "send", "cao-byname", "by name", "--async");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"Message sent to terminal {terminal}.", result.Out.Trim());
        await server.WaitForStatusAsync(terminal, "completed");
    }

    [Fact]
    public async Task SendToAnUnknownTerminalIsOneLine()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server), "session", "send", "0badc0de", "hello");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: Terminal '0badc0de' not found; see the terminals with `cao session status <session>`."], result.ErrorLines);
    }
}
