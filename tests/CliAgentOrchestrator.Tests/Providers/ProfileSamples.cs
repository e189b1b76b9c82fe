using CliAgentOrchestrator.Core.Profiles;

namespace CliAgentOrchestrator.Tests.Providers;

internal static class ProfileSamples
{
    public static AgentProfile Supervisor(string prompt = "You coordinate.\nIt's fine.") => new()
    {
        Name = "code_supervisor",
        Description = "coordinates",
        Role = "supervisor",
        SystemPrompt = prompt,
        McpServers = new Dictionary<string, McpServerConfig>
        {
            ["cao-mcp-server"] = new() { Type = "stdio", Command = "cao-test-binary-that-does-not-exist", Args = ["mcp-server"] },
            ["docs"] = new() { Command = "/usr/bin/docs-server", Args = ["--port", "1"], Env = new Dictionary<string, string> { ["TOKEN"] = "s3cret" } },
        },
    };

    /// <summary>The endpoint <see cref="GivenTheServersMcpEndpoint"/> offers terminal 0123abcd.</summary>
    public const string McpUrl = "http://127.0.0.1:9555/terminals/0123abcd/mcp";

    /// <summary>
    /// Terminal 0123abcd of <see cref="Supervisor"/> with CAO's entry as the built-in profiles write it
    /// (<c>cao mcp-server</c>), on a server that offers its MCP endpoint (<see cref="McpUrl"/>).
    /// </summary>
    public static ProviderContext GivenTheServersMcpEndpoint(string home)
    {
        var profile = Supervisor() with
        {
            McpServers = new Dictionary<string, McpServerConfig>(Supervisor().McpServers)
            {
                ["cao-mcp-server"] = new() { Type = "stdio", Command = "cao", Args = ["mcp-server"] },
            },
        };
        return new ProviderContext("0123abcd", "cao-t", "sup-ab12", profile, null, home) { CaoMcpUrl = McpUrl };
    }
}
