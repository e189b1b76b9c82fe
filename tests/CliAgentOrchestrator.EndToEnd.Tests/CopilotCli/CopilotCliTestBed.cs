using CliAgentOrchestrator.EndToEnd.Tests.Support;

namespace CliAgentOrchestrator.EndToEnd.Tests.CopilotCli;

/// <summary>
/// An <see cref="AgentTestBed"/> whose Copilot CLI runs in BYOK mode against the fake Anthropic API,
/// offline: no GitHub sign-in, no telemetry, no update check, nothing but the fake model.
/// </summary>
internal static class CopilotCliTestBed
{
    public const string Provider = "copilot_cli";

    public static Task<AgentTestBed> StartAsync() => AgentTestBed.StartAsync(bed =>
    {
        var environment = bed.Environment;
        environment["COPILOT_PROVIDER_BASE_URL"] = bed.Model.Url;
        environment["COPILOT_PROVIDER_TYPE"] = "anthropic";
        environment["COPILOT_PROVIDER_API_KEY"] = "sk-ant-fake-key-for-tests";
        environment["COPILOT_MODEL"] = "claude-sonnet-4.6";
        // Offline mode turns off GitHub authentication, telemetry, web tools, the GitHub MCP server and auto-update.
        environment["COPILOT_OFFLINE"] = "true";
        environment["COPILOT_AUTO_UPDATE"] = "false";
    });
}
