using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;

using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Providers;

public sealed class CodexProviderTests : IDisposable
{
    private readonly TempDirectory _home = new();

    private CodexProvider Provider(AgentProfile? profile, IReadOnlyList<string>? tools = null) =>
        new(new ProviderContext("0123abcd", "cao-t", "dev-ab12", profile, tools, _home.Path, null, "dev"));

    [Fact]
    public void LaunchUsesInlineScrollbackNoApprovalsAndNothingThatPhonesHome()
    {
        var command = Provider(null).BuildLaunchCommand();
        Assert.StartsWith("codex --dangerously-bypass-approvals-and-sandbox --no-alt-screen --no-daemon --disable shell_snapshot", command);
        Assert.EndsWith("-c check_for_update_on_startup=false -c analytics.enabled=false -c feedback.enabled=false -c tui.show_tooltips=false", command);
    }

    [Fact]
    public void GivenTheServersEndpointCaosEntryIsAUrlThatStaysRequiredWithTheLongToolTimeout()
    {
        var provider = new CodexProvider(ProfileSamples.GivenTheServersMcpEndpoint(_home.Path));

        var command = provider.BuildLaunchCommand();

        Assert.Contains($"-c 'mcp_servers.cao-mcp-server.url=\"{ProfileSamples.McpUrl}\"'", command);
        Assert.DoesNotContain("mcp_servers.cao-mcp-server.command", command);
        Assert.DoesNotContain("mcp_servers.cao-mcp-server.env", command);
        Assert.Contains("-c mcp_servers.cao-mcp-server.tool_timeout_sec=3780", command);
        Assert.Contains("-c mcp_servers.cao-mcp-server.required=true", command);
    }

    [Fact]
    public void McpServersBecomeConfigOverridesWithTheTerminalId()
    {
        var command = Provider(ProfileSamples.Supervisor()).BuildLaunchCommand();

        Assert.Contains("-c 'mcp_servers.cao-mcp-server.command=\"cao-test-binary-that-does-not-exist\"'", command);
        Assert.Contains("-c 'mcp_servers.cao-mcp-server.args=[\"mcp-server\"]'", command);
        Assert.Contains("-c 'mcp_servers.cao-mcp-server.env.CAO_TERMINAL_ID=\"0123abcd\"'", command);
        Assert.Contains("-c 'mcp_servers.cao-mcp-server.env_vars=[\"CAO_TERMINAL_ID\",\"CAO_HOME_DIR\",\"CAO_API_HOST\",\"CAO_API_PORT\",", command);
        Assert.Contains("-c 'mcp_servers.docs.env_vars=[\"CAO_TERMINAL_ID\"]'", command);
        Assert.Contains("-c mcp_servers.docs.tool_timeout_sec=600", command);
        Assert.Contains("-c mcp_servers.cao-mcp-server.tool_timeout_sec=3780", command);
        Assert.Contains("-c mcp_servers.cao-mcp-server.startup_timeout_sec=60", command);
        Assert.Contains("-c mcp_servers.cao-mcp-server.required=true", command);
        Assert.DoesNotContain("mcp_servers.docs.required", command);
        Assert.Contains("-c 'mcp_servers.docs.env.TOKEN=\"s3cret\"'", command);
        Assert.Contains("-c 'mcp_servers.docs.args=[\"--port\",\"1\"]'", command);
    }

    [Fact]
    public void DeveloperInstructionsAreReadFromAnOwnerOnlyTomlStringFile()
    {
        var provider = Provider(ProfileSamples.Supervisor("Say \"hi\"\nthen stop."));

        var command = provider.BuildLaunchCommand();

        Assert.EndsWith($" -c developer_instructions=\"$(cat {provider.PromptFilePath})\"", command);
        Assert.Equal("\"Say \\\"hi\\\"\\nthen stop.\"", File.ReadAllText(provider.PromptFilePath));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(provider.PromptFilePath));

        provider.Cleanup();
        Assert.False(File.Exists(provider.PromptFilePath));
    }

    [Fact]
    public void CodexConfigAndProfileApplyWhenToolsAreRestricted()
    {
        var profile = ProfileSamples.Supervisor() with
        {
            CodexProfile = "careful",
            Model = "gpt-5",
            CodexConfig = new Dictionary<string, object?> { ["model_reasoning_effort"] = "high", ["hide_agent_reasoning"] = true, ["max_turns"] = 7L },
        };

        var command = Provider(profile, ["fs_read"]).BuildLaunchCommand();

        Assert.StartsWith("codex --profile careful --no-alt-screen", command);
        Assert.Contains("--model gpt-5", command);
        Assert.Contains("-c 'model_reasoning_effort=\"high\"'", command);
        Assert.Contains("-c hide_agent_reasoning=true", command);
        Assert.Contains("-c max_turns=7", command);
        Assert.StartsWith("codex --dangerously-bypass-approvals-and-sandbox", Provider(profile, ["*"]).BuildLaunchCommand());
    }

    [Fact]
    public void TheLaunchCommandRunsInAShellAsIntended()
    {
        // Quoting check: let bash parse the command (with codex replaced by printf) and compare the words.
        var provider = Provider(ProfileSamples.Supervisor("it's \"quoted\" $HOME"));
        var command = "printf '%s\\n' " + provider.BuildLaunchCommand()["codex ".Length..];
        var start = new System.Diagnostics.ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var words = process.StandardOutput.ReadToEnd().Split('\n');
        process.WaitForExit();

        Assert.Contains("mcp_servers.cao-mcp-server.env.CAO_TERMINAL_ID=\"0123abcd\"", words);
        Assert.Contains("developer_instructions=\"it's \\\"quoted\\\" $HOME\"", words);
    }

    [Fact]
    public void InputSettings()
    {
        var provider = Provider(null);
        Assert.Equal("/quit", provider.ExitCommand);
        Assert.Equal(2, provider.PasteEnterCount);
    }

    [Theory]
    [InlineData("› fix it\n\n• Working (3s • esc to interrupt)\n\n› Summarize recent commits\n\n  ? for shortcuts", TerminalStatus.Processing)]
    [InlineData("› fix it\n\n• Fixed the bug in parser.rs.\n\n  Worked for 3s • 4:12 AM\n\n› Summarize recent commits\n\n  ? for shortcuts    93% context left", TerminalStatus.Completed)]
    [InlineData("› fix it\n\n• Fixed the bug in parser.rs.\n\n› Summarize recent commits\n\n  ? for shortcuts    93% context left", TerminalStatus.Processing)]
    [InlineData("› fix it\n\n• Called cao-mcp-server.send_message({\"receiver_id\":\"abcd1234\"})\n", TerminalStatus.Processing)]
    // Between Enter and the first token: the message is sent, no "Working" line (yet, or any more), no answer.
    [InlineData("› fix it\n\n› Ask Codex to do anything\n\n  gpt-fake default · ~/repo", TerminalStatus.Processing)]
    [InlineData("› fix it\n\n■ Conversation interrupted - tell the model what to do differently.\n\n› Ask Codex to do anything\n\n  gpt-fake default · ~/repo", TerminalStatus.Idle)]
    [InlineData("› fix it\n\n■ unexpected status 401 Unauthorized: invalid key\n\n› Ask Codex to do anything\n\n  gpt-fake default · ~/repo", TerminalStatus.Error)]
    [InlineData("", TerminalStatus.Unknown)]
    [InlineData(">_ Welcome to Codex\n\n› 1. Sign in with ChatGPT\n  2. Provide your own API key\n\n  Press Enter to continue", TerminalStatus.WaitingUserAnswer)]
    public void StatusRulesHandleTheBulletTranscript(string screen, TerminalStatus expected)
    {
        Assert.Equal(expected, Provider(null).GetStatus(screen));
    }

    [Fact]
    public void ExtractionTakesTheAnswerAfterTheLastMessage()
    {
        var screen = "› first\n• old answer\n› fix it\n\n• Fixed the bug.\n  Tests pass:\n    - parser\n\n  Worked for 1s • 07:43\n\n› Summarize recent commits\n  ? for shortcuts";
        Assert.Equal("Fixed the bug.\nTests pass:\n  - parser", Provider(null).ExtractLastMessage(screen));
    }

    public void Dispose() => _home.Dispose();
}
