using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;

using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Providers;

/// <summary>
/// <c>copilot_cli</c>: the launch command, and the screen rules on screens captured from the real
/// Copilot CLI 1.0.102 (BYOK against the end-to-end suite's fake Anthropic server).
/// </summary>
public sealed class CopilotCliProviderTests : IDisposable
{
    private const string Version = "copilot_cli_1.0.102_";

    private readonly TempDirectory _home = new();

    private CopilotCliProvider Provider(AgentProfile? profile, IReadOnlyList<string>? tools = null, string? model = null) =>
        new(new ProviderContext("0123abcd", "cao-t", "dev-ab12", profile, tools, _home.Path, model, "dev"));

    private static string Screen(string name) => Screens.Read(Version + name + ".txt");

    public void Dispose() => _home.Dispose();

    [Fact]
    public void GivenTheServersEndpointCaosEntryIsAnHttpServer()
    {
        var provider = new CopilotCliProvider(ProfileSamples.GivenTheServersMcpEndpoint(_home.Path));
        var config = JsonNode.Parse(provider.BuildMcpConfigJson())!["mcpServers"]!["cao-mcp-server"]!.AsObject();

        Assert.Equal($$"""{"type":"http","url":"{{ProfileSamples.McpUrl}}","tools":["*"]}""", config.ToJsonString());
    }

    [Fact]
    public void LaunchNeverUpdatesAndRunsToolsWithoutAsking()
    {
        var command = Provider(null).BuildLaunchCommand();

        Assert.Equal("copilot --no-auto-update --allow-all --agent dev", command);
    }

    [Fact]
    public void TheProfileBecomesACustomAgentInAFolderOfItsOwn()
    {
        var provider = Provider(ProfileSamples.Supervisor("Coordinate.\nSay \"done\"."), model: "claude-sonnet-4.6");

        var command = provider.BuildLaunchCommand();

        Assert.Contains("--model claude-sonnet-4.6", command);
        Assert.Contains($"--add-dir {provider.AgentFolder} --agent code_supervisor", command);
        Assert.Equal(Path.Combine(provider.AgentFolder, ".github", "agents", "code_supervisor.agent.md"), provider.AgentFilePath);
        Assert.Equal("---\nname: \"code_supervisor\"\ndescription: \"coordinates\"\n---\n\nCoordinate.\nSay \"done\".\n", File.ReadAllText(provider.AgentFilePath));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(provider.AgentFilePath));
    }

    [Fact]
    public void McpServersGoToAnOwnerOnlyConfigFileWithTheTerminalId()
    {
        var provider = Provider(ProfileSamples.Supervisor());

        var command = provider.BuildLaunchCommand();

        Assert.EndsWith($" --additional-mcp-config @{provider.McpConfigPath}", command);
        var servers = JsonNode.Parse(File.ReadAllText(provider.McpConfigPath))!["mcpServers"]!;
        Assert.Equal("local", servers["cao-mcp-server"]!["type"]!.GetValue<string>());
        Assert.Equal("cao-test-binary-that-does-not-exist", servers["cao-mcp-server"]!["command"]!.GetValue<string>());
        Assert.Equal("0123abcd", servers["cao-mcp-server"]!["env"]![McpServers.TerminalIdVariable]!.GetValue<string>());
        Assert.Equal("*", servers["cao-mcp-server"]!["tools"]![0]!.GetValue<string>());
        Assert.Equal("s3cret", servers["docs"]!["env"]!["TOKEN"]!.GetValue<string>());
        Assert.Equal(["--port", "1"], servers["docs"]!["args"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public void CleanupRemovesTheAgentFolderAndTheMcpConfig()
    {
        var provider = Provider(ProfileSamples.Supervisor());
        provider.BuildLaunchCommand();
        Assert.True(File.Exists(provider.AgentFilePath));

        provider.Cleanup();

        Assert.False(Directory.Exists(provider.AgentFolder));
        Assert.False(File.Exists(provider.McpConfigPath));
        Assert.True(Directory.Exists(Path.Combine(_home.Path, "tmp")));
    }

    [Fact]
    public void ARestrictedAllowListDeniesWhatItLeavesOut()
    {
        var supervisor = CopilotCliProvider.PermissionArguments(["@cao-mcp-server", "fs_read", "fs_list"], ["cao-mcp-server", "docs"]);
        var developer = CopilotCliProvider.PermissionArguments(["@builtin", "fs_*", "execute_bash", "web_fetch", "@cao-mcp-server"], ["cao-mcp-server"]);
        var reader = CopilotCliProvider.PermissionArguments(["fs_list"], []);

        Assert.Equal(["--deny-tool=shell", "--deny-tool=write", "--deny-tool=url", "--deny-tool=docs"], supervisor);
        Assert.Empty(developer);
        Assert.Equal(["--deny-tool=shell", "--deny-tool=write", "--deny-tool=url", "--excluded-tools=view"], reader);
        Assert.Empty(CopilotCliProvider.PermissionArguments(null, ["docs"]));
        Assert.Empty(CopilotCliProvider.PermissionArguments(["*"], ["docs"]));
    }

    [Fact]
    public void TheLaunchCommandRunsInAShellAsIntended()
    {
        // Quoting check: let bash parse the command (with copilot replaced by printf) and compare the words.
        var provider = Provider(ProfileSamples.Supervisor() with { Name = "it's mine" }, ["fs_read"], "model $HOME");
        var command = "printf '%s\\n' " + provider.BuildLaunchCommand()["copilot ".Length..];
        var start = new System.Diagnostics.ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var words = process.StandardOutput.ReadToEnd().TrimEnd('\n').Split('\n');
        process.WaitForExit();

        Assert.Equal(["--no-auto-update", "--allow-all", "--deny-tool=shell", "--deny-tool=write", "--deny-tool=url",
            "--deny-tool=cao-mcp-server", "--deny-tool=docs", "--excluded-tools=glob,grep", "--model", "model $HOME",
            "--add-dir", provider.AgentFolder, "--agent", "it_s_mine", "--additional-mcp-config", "@" + provider.McpConfigPath], words);
    }

    [Theory]
    [InlineData("trust_dialog", TerminalStatus.WaitingUserAnswer)]
    [InlineData("idle", TerminalStatus.Idle)]
    [InlineData("completed", TerminalStatus.Completed)]
    [InlineData("streaming", TerminalStatus.Processing)]
    [InlineData("completed_after_stream", TerminalStatus.Completed)]
    [InlineData("permission_prompt", TerminalStatus.WaitingUserAnswer)]
    [InlineData("tool_running", TerminalStatus.Processing)]
    [InlineData("retrying", TerminalStatus.Processing)]
    [InlineData("error", TerminalStatus.Error)]
    [InlineData("mcp_tool_running", TerminalStatus.Processing)]
    [InlineData("mcp_tool_completed", TerminalStatus.Completed)]
    public void StatusOfCapturedScreens(string screen, TerminalStatus expected)
    {
        Assert.Equal(expected, Provider(null).GetStatus(Screen(screen)));
    }

    [Fact]
    public void ExtractionKeepsEveryLineOfTheAnswerAndNoChrome()
    {
        var provider = Provider(null);

        Assert.Equal("Hello from the fake model.\nSecond line here.\n\n• bullet one\n• bullet two", provider.ExtractLastMessage(Screen("completed")));
        Assert.Equal("Alpha beta gamma delta epsilon.\nZeta eta theta iota kappa.\nLambda mu nu xi omicron.",
            provider.ExtractLastMessage(Screen("completed_after_stream")));
        Assert.Equal("Sent.", provider.ExtractLastMessage(Screen("mcp_tool_completed")));
    }

    [Fact]
    public void AnMcpToolCallIsNotTheAnswer()
    {
        // The screen of a turn cut short after the tool call: the "●" tool line is all there is.
        var screen = Screen("mcp_tool_completed").Replace(" ● Sent.", "", StringComparison.Ordinal);

        Assert.Throws<ProviderExtractionException>(() => Provider(null).ExtractLastMessage(screen));
        Assert.Equal(TerminalStatus.Idle, Provider(null).GetStatus(screen));
    }

    [Fact]
    public void AScreenWithNoAnswerHasNothingToExtract()
    {
        Assert.Throws<ProviderExtractionException>(() => Provider(null).ExtractLastMessage(Screen("idle")));
        Assert.Throws<ProviderExtractionException>(() => Provider(null).ExtractLastMessage(Screen("error")));
    }

    [Fact]
    public async Task TheFolderTrustDialogIsAcceptedForThisSessionWithEnter()
    {
        var provider = new CopilotCliProvider(new ProviderContext("0123abcd", "cao-t", "dev-ab12", null, null, _home.Path))
        {
            Timings = new()
            {
                ShellPollInterval = TimeSpan.FromMilliseconds(10),
                ReadyPollInterval = TimeSpan.FromMilliseconds(10),
                DialogRetryAfter = TimeSpan.FromSeconds(30),
                InitTimeout = TimeSpan.FromSeconds(5),
            },
        };
        var console = new ScriptedConsole("$ ")
        {
            OnCommand = _ => Screen("trust_dialog"),
            OnKey = key => key == "Enter" ? Screen("idle") : null,
        };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(["Enter"], console.Keys);
    }
}
