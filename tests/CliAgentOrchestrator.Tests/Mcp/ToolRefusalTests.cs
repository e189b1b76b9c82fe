using CliAgentOrchestrator.Tests.Messaging;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Mcp;

/// <summary>What the in-session MCP server refuses, and how it says so (a result with success=false, never a crash).</summary>
public sealed class ToolRefusalTests
{
    [Theory]
    [InlineData(McpTransport.Stdio)]
    [InlineData(McpTransport.Http)]
    public async Task SendMessageRefusesToSendToItself(McpTransport transport)
    {
        await using var server = await CaoTestServer.StartAsync();
        var id = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await using var agent = await McpAgent.StartAsync(server, id, transport);

        var result = await agent.CallAsync("send_message", new() { ["message"] = "hello me", ["receiver_id"] = id });

        Assert.False(result["success"]!.GetValue<bool>());
        Assert.Contains("yourself", result.Field("error"));
        Assert.Empty((await server.GetJsonAsync($"/terminals/{id}/inbox/messages")).AsArray());
    }

    [Theory]
    [InlineData(McpTransport.Stdio)]
    [InlineData(McpTransport.Http)]
    public async Task SendMessageWithoutReceiverNeedsACallerAndAnIdentity(McpTransport transport)
    {
        await using var server = await CaoTestServer.StartAsync();
        // A terminal made by POST /sessions was started by nobody: it has no caller to answer to.
        var id = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await using var orphan = await McpAgent.StartAsync(server, id, transport);
        await using var anonymous = await McpAgent.StartAsync(server, null, transport);

        var noCaller = await orphan.CallAsync("send_message", new() { ["message"] = "anyone there?" });
        var noIdentity = await anonymous.CallAsync("send_message", new() { ["message"] = "anyone there?", ["receiver_id"] = id });

        Assert.False(noCaller["success"]!.GetValue<bool>());
        Assert.Contains("no caller", noCaller.Field("error"));
        Assert.False(noIdentity["success"]!.GetValue<bool>());
        Assert.Contains("acts for no CAO terminal", noIdentity.Field("error"));
        // Neither attempt queued anything anonymously.
        Assert.Empty((await server.GetJsonAsync($"/terminals/{id}/inbox/messages")).AsArray());
    }

    [Theory]
    [InlineData(McpTransport.Stdio)]
    [InlineData(McpTransport.Http)]
    public async Task DeleteTerminalOfAnUnknownIdReportsNotFound(McpTransport transport)
    {
        await using var server = await CaoTestServer.StartAsync();
        var id = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await using var agent = await McpAgent.StartAsync(server, id, transport);

        var result = await agent.CallAsync("delete_terminal", new() { ["terminal_id"] = "0badf00d" });

        Assert.False(result["success"]!.GetValue<bool>());
        Assert.Equal("Terminal 0badf00d not found", result.Field("error"));
        Assert.DoesNotContain(server.RecordedEvents(), e => e.Is("post_kill_terminal"));
    }

    [Theory]
    [InlineData(McpTransport.Stdio)]
    [InlineData(McpTransport.Http)]
    public async Task SendMessageToAnUnknownReceiverReportsNotFound(McpTransport transport)
    {
        await using var server = await CaoTestServer.StartAsync();
        var id = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await using var agent = await McpAgent.StartAsync(server, id, transport);

        var result = await agent.CallAsync("send_message", new() { ["message"] = "hello", ["receiver_id"] = "0badf00d" });

        Assert.False(result["success"]!.GetValue<bool>());
        Assert.StartsWith("404:", result.Field("error"));
    }

    [Theory]
    [InlineData("ABCDEF12")]
    [InlineData("not-an-id")]
    [InlineData("abc")]
    public async Task AMalformedTerminalIdStopsTheServerWithOneClearLine(string malformed)
    {
        var (exitCode, stdout, stderr) = await CaoProcess.RunAsync(new Dictionary<string, string> { ["CAO_TERMINAL_ID"] = malformed }, "mcp-server");

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(CaoProcess.Lines(stderr));
        Assert.Equal($"CAO_TERMINAL_ID must be 8 lowercase hex characters, got '{malformed}'", line);
        Assert.Equal("", stdout); // nothing on the protocol channel
    }
}
