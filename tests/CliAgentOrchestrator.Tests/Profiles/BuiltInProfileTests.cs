using CliAgentOrchestrator.Core.Profiles;

namespace CliAgentOrchestrator.Tests.Profiles;

public sealed class BuiltInProfileTests
{
    [Fact]
    public void TheThreeCoreProfilesShipInsideTheAssembly()
    {
        Assert.Equal(["code_supervisor", "developer", "reviewer"], ProfileStore.BuiltInNames);
    }

    [Theory]
    [InlineData("code_supervisor", "supervisor")]
    [InlineData("developer", "developer")]
    [InlineData("reviewer", "reviewer")]
    public void EachBuiltInParsesWithItsRoleAndAPrompt(string name, string role)
    {
        var profile = ProfileParser.Parse(ProfileStore.ReadBuiltIn(name)!, name);
        Assert.Equal(name, profile.Name);
        Assert.Equal(role, profile.Role);
        Assert.NotEmpty(profile.Description);
        Assert.True(profile.SystemPrompt.Length > 200);
    }

    [Fact]
    public void TheSupervisorReachesCaoThroughItsMcpServer()
    {
        var server = ProfileParser.Parse(ProfileStore.ReadBuiltIn("code_supervisor")!, "x").McpServers["cao-mcp-server"];
        Assert.Equal("cao", server.Command);
        Assert.Equal(["mcp-server"], server.Args);
    }
}
