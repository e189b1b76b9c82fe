using System.Net;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CliAgentOrchestrator.Tests.Mcp;

/// <summary>
/// A terminal whose CLI starts CAO's MCP server is handed out only once that CLI has listed CAO's
/// tools: Claude Code and OpenCode draw their prompt before their MCP servers are connected.
/// </summary>
public sealed class McpConnectWaitTests
{
    private const string Provider = "mock_cli_with_mcp";

    [Theory]
    [InlineData(McpTransport.Stdio)]
    [InlineData(McpTransport.Http)]
    public async Task Creation_returns_once_the_real_mcp_server_reports_its_tools_listed(McpTransport transport)
    {
        await using var server = await CaoTestServer.StartAsync();
        Register(server, TimeSpan.FromMinutes(3));

        var creating = server.PostJsonAsync(CreatePath(server), expected: HttpStatusCode.Created);
        Core.Storage.TerminalRecord? row = null;
        await Poll.UntilAsync(() => (row = server.TerminalRows().SingleOrDefault()) is not null, "the terminal row");
        await server.WaitForStatusAsync(row!.Id, "idle");
        Assert.False(creating.IsCompleted, "creation returned before the CLI had CAO's tools");

        await using var agent = await McpAgent.StartAsync(server, row.Id, transport);
        Assert.Contains("send_message", await agent.ToolNamesAsync());

        var created = await creating.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(row.Id, created["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cli_that_never_connects_is_handed_out_once_the_wait_is_over()
    {
        await using var server = await CaoTestServer.StartAsync();
        Register(server, TimeSpan.FromMilliseconds(300));

        var created = await server.PostJsonAsync(CreatePath(server), expected: HttpStatusCode.Created);

        Assert.Equal("idle", created["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reporting_for_an_unknown_terminal_is_not_found()
    {
        await using var server = await CaoTestServer.StartAsync();

        var (status, body) = await server.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/terminals/0badf00d/mcp-connected"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("0badf00d", body);
    }

    // mock_cli, standing in for a CLI that starts CAO's MCP server and must be waited for.
    private static void Register(CaoTestServer server, TimeSpan wait) =>
        server.Services.GetRequiredService<ProviderCatalog>().Register(Provider, MockCliProvider.DefaultScriptPath,
            context => new WaitsForMcp(new MockCliProvider(context), wait));

    private static string CreatePath(CaoTestServer server) =>
        $"/sessions?agent_profile=developer&provider={Provider}&working_directory={Uri.EscapeDataString(server.WorkDirectory)}";

    private sealed class WaitsForMcp(MockCliProvider inner, TimeSpan wait) : IProvider
    {
        public string Key => Provider;
        public TimeSpan? CaoMcpServerWait => wait;
        public Task InitializeAsync(ITerminalConsole console, CancellationToken cancellationToken) => inner.InitializeAsync(console, cancellationToken);
        public TerminalStatus GetStatus(string screen) => inner.GetStatus(screen);
        public string ExtractLastMessage(string screen) => inner.ExtractLastMessage(screen);
        public string ExitCommand => inner.ExitCommand;
        public int PasteEnterCount => inner.PasteEnterCount;
        public TimeSpan PasteSubmitDelay => inner.PasteSubmitDelay;
        public TimeSpan CompletedSettle => inner.CompletedSettle;
        public TimeSpan OutputQuiescence => inner.OutputQuiescence;
        public bool BlocksOrchestratedInputWhileWaiting => inner.BlocksOrchestratedInputWhileWaiting;
        public void Cleanup() => inner.Cleanup();
    }
}
