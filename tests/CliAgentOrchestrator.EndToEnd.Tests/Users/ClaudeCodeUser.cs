namespace CliAgentOrchestrator.EndToEnd.Tests.Users;

/// <summary>
/// A user who has run Claude Code once (first-run setup done: <c>hasCompletedOnboarding</c>); the folder
/// trust and the API key are left for CAO to answer. Claude Code's settings keep it off the network
/// (no updates, telemetry or plugin marketplace) and offer MCP tools up front instead of through tool
/// search, which a scripted model cannot perform.
/// </summary>
public static class ClaudeCodeUser
{
    public static void Configure(AgentCliUser user)
    {
        File.WriteAllText(Path.Combine(user.Home, ".claude.json"), """{ "hasCompletedOnboarding": true }""");
        Directory.CreateDirectory(Path.Combine(user.Home, ".claude"));
        File.WriteAllText(Path.Combine(user.Home, ".claude", "settings.json"), """
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
    }
}
