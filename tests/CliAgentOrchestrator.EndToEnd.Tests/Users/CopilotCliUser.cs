namespace CliAgentOrchestrator.EndToEnd.Tests.Users;

/// <summary>
/// A Copilot CLI user in BYOK mode against the fake Anthropic API, offline: no GitHub sign-in, no
/// telemetry, no update check, nothing but the fake model.
/// </summary>
public static class CopilotCliUser
{
    public static void Configure(AgentCliUser user)
    {
        var environment = user.Environment;
        environment["COPILOT_PROVIDER_BASE_URL"] = user.ModelUrl;
        environment["COPILOT_PROVIDER_TYPE"] = "anthropic";
        environment["COPILOT_PROVIDER_API_KEY"] = "sk-ant-fake-key-for-tests";
        environment["COPILOT_MODEL"] = "claude-sonnet-4.6";
        // Offline mode turns off GitHub authentication, telemetry, web tools, the GitHub MCP server and auto-update.
        environment["COPILOT_OFFLINE"] = "true";
        environment["COPILOT_AUTO_UPDATE"] = "false";
    }
}
