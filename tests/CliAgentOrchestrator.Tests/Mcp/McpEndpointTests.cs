using System.Net;
using System.Text;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CliAgentOrchestrator.Tests.Mcp;

/// <summary>The server's own MCP endpoint answers only for terminals it knows, with the API's one-line errors.</summary>
public sealed class McpEndpointTests
{
    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

    // 404 for an unknown terminal, 422 for a malformed id: what every /terminals/{id} route answers.
    [Theory]
    [InlineData("0badf00d", HttpStatusCode.NotFound, "Terminal '0badf00d' not found")]
    [InlineData("NOT-AN-ID", HttpStatusCode.UnprocessableEntity, "Invalid terminal id 'NOT-AN-ID'")]
    public async Task A_terminal_the_server_does_not_know_is_refused_before_any_mcp_message_is_read(string id, HttpStatusCode expected, string detail)
    {
        await using var server = await CaoTestServer.StartAsync();

        var (status, body) = await server.SendAsync(InitializeRequest($"/terminals/{id}/mcp"));

        Assert.Equal(expected, status);
        Assert.Contains(detail, body);
    }

    [Fact]
    public async Task A_known_terminal_and_the_anonymous_endpoint_answer_initialize_as_cao_mcp_server()
    {
        await using var server = await CaoTestServer.StartAsync();
        var id = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();

        var (terminalStatus, terminalBody) = await server.SendAsync(InitializeRequest($"/terminals/{id}/mcp"));
        var (anonymousStatus, anonymousBody) = await server.SendAsync(InitializeRequest("/mcp"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (terminalStatus, anonymousStatus));
        Assert.Contains("\"name\":\"cao-mcp-server\"", terminalBody);
        Assert.Contains("\"name\":\"cao-mcp-server\"", anonymousBody);
    }

    [Fact]
    public async Task The_url_an_agent_is_given_reaches_its_terminals_endpoint()
    {
        await using var server = await CaoTestServer.StartAsync();
        var id = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        var url = server.Services.GetRequiredService<AgentConnection>().McpUrlFor(id)!;

        var (status, body) = await server.SendAsync(InitializeRequest(url));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"name\":\"cao-mcp-server\"", body);
    }

    private static HttpRequestMessage InitializeRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }
}
