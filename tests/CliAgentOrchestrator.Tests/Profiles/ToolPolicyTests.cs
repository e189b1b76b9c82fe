using CliAgentOrchestrator.Core.Profiles;

namespace CliAgentOrchestrator.Tests.Profiles;

public sealed class ToolPolicyTests
{
    [Fact]
    public void AnExplicitListWins()
    {
        var profile = new AgentProfile { Name = "p", AllowedTools = ["fs_read"] };
        Assert.Equal(["*"], ToolPolicy.Resolve(profile, ["*"]));
    }

    [Fact]
    public void TheProfilesAllowedToolsComeNext()
    {
        Assert.Equal(["fs_read"], ToolPolicy.Resolve(new AgentProfile { Name = "p", Role = "supervisor", AllowedTools = ["fs_read"] }));
    }

    [Fact]
    public void RolesGiveDefaultsPlusTheProfilesMcpServers()
    {
        var profile = new AgentProfile
        {
            Name = "p",
            Role = "supervisor",
            McpServers = new Dictionary<string, McpServerConfig> { ["cao-mcp-server"] = new(), ["docs"] = new() },
        };
        Assert.Equal(["@cao-mcp-server", "fs_read", "fs_list", "@docs"], ToolPolicy.Resolve(profile));
        Assert.Equal(["@builtin", "fs_read", "fs_list", "@cao-mcp-server"], ToolPolicy.Resolve(new AgentProfile { Name = "p", Role = "reviewer" }));
    }

    [Fact]
    public void DeveloperIsTheDefaultRole()
    {
        Assert.Equal(["@builtin", "fs_*", "execute_bash", "web_fetch", "@cao-mcp-server"], ToolPolicy.Resolve(null));
    }
}
