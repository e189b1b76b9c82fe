using CliAgentOrchestrator.EndToEnd.Tests.Support;

namespace CliAgentOrchestrator.EndToEnd.Tests.ClaudeCode;

/// <summary>
/// An <see cref="AgentTestBed"/> for the real Claude Code. Its throw-away HOME belongs to a user who has
/// run Claude Code once (first-run setup done: <c>hasCompletedOnboarding</c>); the folder trust and the
/// API key are left for CAO to answer. Claude Code's settings there keep it off the network
/// (no updates, telemetry or plugin marketplace) and offer MCP tools up front instead of through tool
/// search, which a scripted model cannot perform.
/// </summary>
internal static class ClaudeCodeTestBed
{
    public const string Provider = "claude_code";

    /// <summary>The prefix of captured screens (see <see cref="ScreenCapture"/>).</summary>
    public const string ScreenPrefix = "claude_code_2.1.328";

    public static Task<AgentTestBed> StartAsync() => AgentTestBed.StartAsync(bed =>
    {
        File.WriteAllText(Path.Combine(bed.Home, ".claude.json"), """{ "hasCompletedOnboarding": true }""");
        Directory.CreateDirectory(Path.Combine(bed.Home, ".claude"));
        File.WriteAllText(Path.Combine(bed.Home, ".claude", "settings.json"), """
            {
              "env": {
                "ENABLE_TOOL_SEARCH": "false",
                "DISABLE_AUTOUPDATER": "1",
                "DISABLE_TELEMETRY": "1",
                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
                "CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL": "1"
              }
            }
            """);
    });

}
