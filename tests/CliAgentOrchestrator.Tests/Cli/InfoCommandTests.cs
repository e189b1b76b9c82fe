using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli;

public sealed class InfoCommandTests
{
    [Fact]
    public async Task InfoPrintsTheHomeAndThatTheServerAnswers()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        var result = await CliRunner.RunAsync(CliRunner.ContextFor(server), "info");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"CAO home:       {server.Home.Root}", result.Out);
        Assert.Contains($"Database path:  {server.Home.DatabaseFile}", result.Out);
        Assert.Contains($"Plugins folder: {server.Home.PluginsDirectory}", result.Out);
        Assert.Contains($"tmux server:    -L {server.Options.TmuxSocket}", result.Out);
        Assert.Contains($"Server:         {new Uri(server.Options.BaseUrl)} (running)", result.Out);
        Assert.Contains("Session:        not in a CAO session", result.Out);
    }

    [Fact]
    public async Task InfoInsideACaoSessionCountsItsTerminals()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        await server.CreateMockSessionAsync(sessionName: "here");
        var context = CliRunner.ContextFor(server) with { Environment = new Dictionary<string, string> { ["CAO_SESSION_NAME"] = "cao-here" } };

        var result = await CliRunner.RunAsync(context, "info");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Session:        cao-here (1 terminals)", result.Out);
    }

    [Fact]
    public async Task InfoAsJsonHasTheDocumentedShape()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        await server.CreateMockSessionAsync(sessionName: "here");
        var context = CliRunner.ContextFor(server) with { Environment = new Dictionary<string, string> { ["CAO_SESSION_NAME"] = "cao-here" } };

        var result = await CliRunner.RunAsync(context, "info", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var info = System.Text.Json.Nodes.JsonNode.Parse(result.Out)!;
        Assert.Equal(server.Home.Root, (string?)info["home"]);
        Assert.Equal(server.Home.DatabaseFile, (string?)info["database"]);
        Assert.Equal(server.Home.PluginsDirectory, (string?)info["plugins_folder"]);
        Assert.Equal(server.Options.TmuxSocket, (string?)info["tmux_socket"]);
        Assert.True((bool)info["server"]!["running"]!);
        Assert.Equal("""{"name":"cao-here","known_to_server":true,"terminals":1}""", info["session"]!.ToJsonString());
    }

    [Fact]
    public async Task InfoReportsAServerThatDoesNotAnswerWithoutFailing()
    {
        using var home = new TempDirectory();
        var context = CliRunner.ContextWithoutServer(new CaoHome(home.Path));

        var result = await CliRunner.RunAsync(context, "info");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Server:         {context.ServerUrl} (not answering: start it with `cao server`)", result.Out);
        Assert.Contains("Failed to connect to cao-server", result.Error);
    }
}
