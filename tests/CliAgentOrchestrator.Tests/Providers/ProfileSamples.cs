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
}
