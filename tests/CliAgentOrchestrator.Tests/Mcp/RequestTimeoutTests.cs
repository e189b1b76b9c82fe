using System.Net;
using System.Net.Sockets;
using CliAgentOrchestrator.Tests.Messaging;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Mcp;

/// <summary>
/// <c>CAO_MCP_REQUEST_TIMEOUT</c> bounds each request of the in-session MCP server, so a hung server
/// gives the agent an answer instead of a tool call that never returns; handoff waits for its worker.
/// </summary>
public sealed class RequestTimeoutTests
{
    [Fact]
    public async Task AServerThatNeverAnswersGivesTheAgentAToolErrorNamingTheLimit()
    {
        // Accepts connections and never answers: a server stuck mid-request.
        using var hung = new TcpListener(IPAddress.Loopback, 0);
        hung.Start(backlog: 16);
        var port = ((IPEndPoint)hung.LocalEndpoint).Port;
        await using var agent = await McpAgent.StartAsync(port, "0000abcd", new Dictionary<string, string?> { ["CAO_MCP_REQUEST_TIMEOUT"] = "2" });

        var result = await agent.CallAsync("send_message", new() { ["message"] = "anyone?", ["receiver_id"] = "0000dcba" });

        Assert.False(result["success"]!.GetValue<bool>());
        Assert.Contains("did not answer", result.Field("error"));
        Assert.Contains("within 2s", result.Field("error"));
    }

    [Fact]
    public async Task AHandoffOutlastsTheRequestLimit()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var supervisor = (await server.CreateMockSessionAsync("supervisor"))["id"]!.GetValue<string>();
        // The worker sleeps 15 s before it answers, past the 10 s each ordinary request may take (which
        // leaves the tool's quick lookups plenty of room on a loaded machine).
        await using var agent = await McpAgent.StartAsync(server, supervisor, new Dictionary<string, string?> { ["CAO_MCP_REQUEST_TIMEOUT"] = "10" });

        var result = await agent.CallAsync("handoff", new() { ["agent_profile"] = "reviewer", ["message"] = "__mock_sleep_15", ["timeout"] = 120 }, TimeSpan.FromMinutes(4));

        Assert.True(result["success"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Contains("slept 15s", result.Field("output"));
    }
}
