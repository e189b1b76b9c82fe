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
}
