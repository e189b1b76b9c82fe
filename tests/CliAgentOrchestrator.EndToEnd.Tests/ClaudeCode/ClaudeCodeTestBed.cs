using CliAgentOrchestrator.EndToEnd.Tests.Support;
using CliAgentOrchestrator.EndToEnd.Tests.Users;

namespace CliAgentOrchestrator.EndToEnd.Tests.ClaudeCode;

/// <summary>An <see cref="AgentTestBed"/> for the real Claude Code, its HOME set up by <see cref="ClaudeCodeUser"/>.</summary>
internal static class ClaudeCodeTestBed
{
    public const string Provider = "claude_code";

    /// <summary>The prefix of captured screens (see <see cref="ScreenCapture"/>).</summary>
    public const string ScreenPrefix = "claude_code_2.1.328";

    public static Task<AgentTestBed> StartAsync() => AgentTestBed.StartAsync(bed => ClaudeCodeUser.Configure(bed.User));

    /// <summary>A bed whose server gives agents CAO's MCP tools over <paramref name="mcpTransport"/> (<c>CAO_MCP_TRANSPORT</c>).</summary>
    public static Task<AgentTestBed> StartAsync(string mcpTransport) => AgentTestBed.StartAsync(bed =>
    {
        ClaudeCodeUser.Configure(bed.User);
        bed.Environment["CAO_MCP_TRANSPORT"] = mcpTransport;
    });
}
