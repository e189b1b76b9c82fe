using CliAgentOrchestrator.Core.Profiles;

namespace CliAgentOrchestrator.Tests.Profiles;

/// <summary>The allow-list words as they apply to plugin tools.</summary>
public sealed class PluginToolPolicyTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("*", true)]
    [InlineData("@cao-mcp-server", true)]
    [InlineData("@cao-mcp-server/askhuman_ask", true)]
    [InlineData("askhuman_ask", true)]
    [InlineData("askhuman_*", true)]
    [InlineData("@cao-mcp-server/askhuman_*", true)]
    [InlineData("@builtin,fs_*,execute_bash", false)]
    [InlineData("@cao-mcp-server/send_message", false)]
    [InlineData("other_*", false)]
    [InlineData("*,!askhuman_ask", false)]
    [InlineData("@cao-mcp-server,!askhuman_*", false)]
    [InlineData("askhuman_ask,!@cao-mcp-server/askhuman_ask", false)]
    [InlineData("@cao-mcp-server,!other_*", true)]
    public void AllowsPluginToolsWithTheSameWordsAsCaosOwn(string? allowed, bool expected)
    {
        var list = allowed?.Split(',');

        Assert.Equal(expected, PluginToolPolicy.Allows(list, "askhuman_ask"));
    }
}
