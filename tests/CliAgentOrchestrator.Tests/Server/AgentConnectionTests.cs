using System.Globalization;
using System.Net;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Tmux;
using CliAgentOrchestrator.Tests.Security;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary>
/// An agent reaches the server it was started by, whatever set the server's port or home (command
/// line, settings.json, environment), and whatever environment its CLI gives the MCP servers it starts.
/// </summary>
public sealed class AgentConnectionTests
{
    [Fact]
    public async Task AgentWindowsGetThePortAndHomeTheServerRunsWithEvenWhenTheyCameFromConfigurationAndTheRequestSaysOtherwise()
    {
        // The test server's port and home come from its configuration, not from this process's environment.
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        Assert.Null(Environment.GetEnvironmentVariable(CaoSettings.ApiPort.Variable));

        var terminal = await server.PostJsonAsync(
            $"/sessions?agent_profile=developer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}",
            new { env_vars = new Dictionary<string, string> { ["CAO_API_PORT"] = "1" } }, HttpStatusCode.Created);
        var target = new TmuxTarget(terminal["session_name"]!.GetValue<string>(), terminal["name"]!.GetValue<string>());

        var pane = await AgentEnvironmentTests.PaneEnvironmentAsync(server.Tmux, target);
        Assert.Equal(server.Options.Port.ToString(CultureInfo.InvariantCulture), pane.GetValueOrDefault("CAO_API_PORT"));
        Assert.Equal(server.Home.Root, pane.GetValueOrDefault("CAO_HOME_DIR"));
    }

    [Fact]
    public void TheConnectionHoldsTheSettingsThatReachAgentsAndAlwaysTheHome()
    {
        var configuration = TestConfiguration.From(
            ("CAO_API_HOST", "127.0.0.2"), ("CAO_API_PORT", "9123"), ("CAO_MCP_REQUEST_TIMEOUT", "30"), ("CAO_INBOX_BATCH_SIZE", "7"));

        var connection = AgentConnection.From(configuration, "/srv/cao-home");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["CAO_API_HOST"] = "127.0.0.2", ["CAO_API_PORT"] = "9123", ["CAO_HOME_DIR"] = "/srv/cao-home", ["CAO_MCP_REQUEST_TIMEOUT"] = "30",
            },
            connection.Variables);
    }

    [Fact]
    public void OnlyTheCaoMcpServerEntryGetsTheConnectionAndAProfilesOwnValueWins()
    {
        var profile = new AgentProfile
        {
            Name = "supervisor",
            McpServers = new Dictionary<string, McpServerConfig>
            {
                [McpServers.CaoServerName] = new() { Command = "/opt/cao/cao", Args = ["mcp-server"], Env = new Dictionary<string, string> { ["CAO_API_HOST"] = "10.0.0.5" } },
                ["other"] = new() { Command = "/opt/other", Args = [] },
            },
        };
        var context = new ProviderContext("0123abcd", "s", "w-0000", profile, null, "/home")
        {
            ConnectionVariables = new Dictionary<string, string> { ["CAO_API_HOST"] = "127.0.0.1", ["CAO_API_PORT"] = "9555" },
        };

        var servers = McpServers.ForTerminal(context);

        Assert.Equal("9555", servers[McpServers.CaoServerName].Env["CAO_API_PORT"]);
        Assert.Equal("10.0.0.5", servers[McpServers.CaoServerName].Env["CAO_API_HOST"]);
        Assert.Equal("0123abcd", servers[McpServers.CaoServerName].Env["CAO_TERMINAL_ID"]);
        Assert.False(servers["other"].Env.ContainsKey("CAO_API_PORT"));
        Assert.Equal("0123abcd", servers["other"].Env["CAO_TERMINAL_ID"]);
    }

    [Theory]
    [InlineData(null, null, "http://127.0.0.1:9889/terminals/0123abcd/mcp")]
    [InlineData("0.0.0.0", "9123", "http://127.0.0.1:9123/terminals/0123abcd/mcp")]
    [InlineData("127.0.0.2", "9123", "http://127.0.0.2:9123/terminals/0123abcd/mcp")]
    [InlineData("::1", "9123", "http://[::1]:9123/terminals/0123abcd/mcp")]
    public void TheMcpUrlNamesTheTerminalAtTheAddressTheServerIsReachedOn(string? host, string? port, string expected)
    {
        var settings = new List<(string, string)>();
        if (host is not null) settings.Add(("CAO_API_HOST", host));
        if (port is not null) settings.Add(("CAO_API_PORT", port));

        var connection = AgentConnection.From(TestConfiguration.From([.. settings]), "/srv/cao-home");

        Assert.Equal(expected, connection.McpUrlFor("0123abcd"));
    }

    [Fact]
    public void UnderTheStdioTransportNoAgentIsGivenAnMcpUrl()
    {
        var connection = AgentConnection.From(TestConfiguration.From(("CAO_MCP_TRANSPORT", "STDIO")), "/srv/cao-home");

        Assert.Null(connection.McpUrlFor("0123abcd"));
    }

    [Theory]
    [InlineData("cao", "mcp-server", true)]
    [InlineData("/opt/tools/cao", "mcp-server", true)]
    [InlineData("cao-mcp-server", null, true)]
    [InlineData("uvx", "cao-mcp-server", false)]
    [InlineData("cao", "server", false)]
    public void OnlyAnEntryThatStartsCaosOwnServerBecomesTheServersEndpoint(string command, string? argument, bool becomesUrl)
    {
        var context = ContextFor(new McpServerConfig { Command = command, Args = argument is null ? [] : [argument], Timeout = 5000 });

        var servers = McpServers.ForTerminal(context, cliSpeaksHttp: true);

        var cao = servers[McpServers.CaoServerName];
        Assert.Equal(becomesUrl ? Url : null, cao.Url);
        Assert.Equal(becomesUrl ? "http" : null, cao.Type);
        Assert.Equal(5000, cao.Timeout);
        Assert.Equal(becomesUrl ? "" : command, cao.Command);
    }

    [Fact]
    public void AProfilesOwnEnvironmentOrACliWithoutHttpKeepsTheStdioServer()
    {
        var withEnv = ContextFor(new McpServerConfig { Command = "cao", Args = ["mcp-server"], Env = new Dictionary<string, string> { ["CAO_ENABLE_SENDER_ID_INJECTION"] = "false" } });
        var plain = ContextFor(new McpServerConfig { Command = "cao", Args = ["mcp-server"] });

        var ownEnvironment = McpServers.ForTerminal(withEnv, cliSpeaksHttp: true)[McpServers.CaoServerName];
        var noHttp = McpServers.ForTerminal(plain, cliSpeaksHttp: false)[McpServers.CaoServerName];

        Assert.Null(ownEnvironment.Url);
        Assert.Equal("false", ownEnvironment.Env["CAO_ENABLE_SENDER_ID_INJECTION"]);
        Assert.Null(noHttp.Url);
        Assert.Equal("0123abcd", noHttp.Env["CAO_TERMINAL_ID"]);
    }

    private const string Url = "http://127.0.0.1:9555/terminals/0123abcd/mcp";

    private static ProviderContext ContextFor(McpServerConfig caoEntry) =>
        new("0123abcd", "s", "w-0000", new AgentProfile { Name = "supervisor", McpServers = new Dictionary<string, McpServerConfig> { [McpServers.CaoServerName] = caoEntry } }, null, "/home")
        {
            CaoMcpUrl = Url,
        };
}
