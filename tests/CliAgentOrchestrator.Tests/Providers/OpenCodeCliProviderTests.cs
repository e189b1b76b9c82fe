using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.Providers;

using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Providers;

/// <summary>
/// <c>opencode_cli</c>: the launch command and config, and the screen rules on screens captured from
/// the real OpenCode 1.18.33 (a custom provider on the bundled Anthropic SDK, against the end-to-end
/// suite's fake Anthropic server).
/// </summary>
public sealed class OpenCodeCliProviderTests : IDisposable
{
    private const string Version = "opencode_cli_1.18.33_";

    private readonly TempDirectory _home = new();

    private OpenCodeCliProvider Provider(AgentProfile? profile, IReadOnlyList<string>? tools = null, string? model = null) =>
        new(new ProviderContext("0123abcd", "cao-t", "dev-ab12", profile, tools, _home.Path, model, "dev"));

    private static string Screen(string name) => Screens.Read(Version + name + ".txt");

    public void Dispose() => _home.Dispose();

    [Fact]
    public void CaosEntryStaysAProcessEvenWhereTheServerOffersItsEndpoint()
    {
        var provider = new OpenCodeCliProvider(ProfileSamples.GivenTheServersMcpEndpoint(_home.Path));

        var config = JsonNode.Parse(provider.BuildConfigJson())!["mcp"]!["cao-mcp-server"]!.AsObject();

        Assert.Equal("local", config["type"]!.GetValue<string>());
        Assert.Equal("0123abcd", config["environment"]!["CAO_TERMINAL_ID"]!.GetValue<string>());
    }

    [Fact]
    public void LaunchPointsOpenCodeAtTheTerminalsConfigAndApprovesWhatIsNotDenied()
    {
        var provider = Provider(ProfileSamples.Supervisor(), model: "fake/claude-fake");

        var command = provider.BuildLaunchCommand();

        Assert.Equal($"OPENCODE_CONFIG={provider.ConfigPath} OPENCODE_DISABLE_AUTOUPDATE=1 opencode --auto --model fake/claude-fake --agent code_supervisor", command);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(provider.ConfigPath));
        provider.Cleanup();
        Assert.False(File.Exists(provider.ConfigPath));
    }

    [Fact]
    public void TheConfigHoldsTheAgentItsMcpServersAndNoUpdatesOrSharing()
    {
        var provider = Provider(ProfileSamples.Supervisor("Coordinate.\nSay \"done\"."));
        provider.BuildLaunchCommand();

        var config = JsonNode.Parse(File.ReadAllText(provider.ConfigPath))!;

        Assert.False(config["autoupdate"]!.GetValue<bool>());
        Assert.Equal("disabled", config["share"]!.GetValue<string>());
        var agent = config["agent"]!["code_supervisor"]!;
        Assert.Equal("primary", agent["mode"]!.GetValue<string>());
        Assert.Equal("coordinates", agent["description"]!.GetValue<string>());
        Assert.Equal("Coordinate.\nSay \"done\".", agent["prompt"]!.GetValue<string>());
        Assert.Null(agent["permission"]);
        var cao = config["mcp"]!["cao-mcp-server"]!;
        Assert.Equal("local", cao["type"]!.GetValue<string>());
        Assert.Equal(["cao-test-binary-that-does-not-exist", "mcp-server"], cao["command"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("0123abcd", cao["environment"]![McpServers.TerminalIdVariable]!.GetValue<string>());
        Assert.Equal("s3cret", config["mcp"]!["docs"]!["environment"]!["TOKEN"]!.GetValue<string>());
    }

    [Fact]
    public void ARestrictedAllowListDeniesWhatItLeavesOut()
    {
        var supervisor = OpenCodeCliProvider.Permissions(["@cao-mcp-server", "fs_read", "fs_list"], ["cao-mcp-server", "docs"]);
        var developer = OpenCodeCliProvider.Permissions(["@builtin", "fs_*", "execute_bash", "web_fetch", "@cao-mcp-server"], ["cao-mcp-server"]);

        Assert.Equal("""{"edit":"deny","bash":"deny","webfetch":"deny","websearch":"deny","docs_*":"deny"}""", supervisor.ToJsonString());
        Assert.Empty(developer);
        Assert.Empty(OpenCodeCliProvider.Permissions(null, ["docs"]));
        Assert.Empty(OpenCodeCliProvider.Permissions(["*"], ["docs"]));
    }

    [Fact]
    public void WithoutAProfileTheNameMayBeOneOfTheUsersOwnAgents()
    {
        Assert.Equal("OPENCODE_CONFIG=" + Provider(null).ConfigPath + " OPENCODE_DISABLE_AUTOUPDATE=1 opencode --auto --agent dev", Provider(null).BuildLaunchCommand());
    }

    [Theory]
    [InlineData("idle_splash", TerminalStatus.Idle)]
    [InlineData("completed", TerminalStatus.Completed)]
    [InlineData("waiting_for_first_token", TerminalStatus.Processing)]
    [InlineData("streaming", TerminalStatus.Processing)]
    [InlineData("completed_after_stream", TerminalStatus.Completed)]
    [InlineData("permission_prompt", TerminalStatus.WaitingUserAnswer)]
    [InlineData("completed_after_tool", TerminalStatus.Completed)]
    [InlineData("retrying", TerminalStatus.Processing)]
    [InlineData("wide_idle", TerminalStatus.Idle)]
    [InlineData("wide_completed", TerminalStatus.Completed)]
    [InlineData("mcp_tool_running", TerminalStatus.Processing)]
    [InlineData("mcp_tool_completed", TerminalStatus.Completed)]
    public void StatusOfCapturedScreens(string screen, TerminalStatus expected)
    {
        Assert.Equal(expected, Provider(null).GetStatus(Screen(screen)));
    }

    [Theory]
    [InlineData("390ms")]
    [InlineData("1m 8s")]
    public void ATurnMarkerWithAnyDurationEndsTheTurn(string duration)
    {
        var screen = Screen("completed").Replace("· 9.8s", "· " + duration, StringComparison.Ordinal);

        Assert.Equal(TerminalStatus.Completed, Provider(null).GetStatus(screen));
        Assert.StartsWith("Hello from the fake model.", Provider(null).ExtractLastMessage(screen));
    }

    [Fact]
    public void AMessageBelowTheLastTurnMarkerIsATurnStarting()
    {
        // The moment after Enter: the message is drawn, the new turn's marker and busy footer are not yet.
        var lines = Screen("completed").Split('\n').ToList();
        var marker = lines.FindLastIndex(l => l.Contains('▣'));
        lines.InsertRange(marker + 1, ["", "  ┃", "  ┃  And now the next question", "  ┃", ""]);

        Assert.Equal(TerminalStatus.Processing, Provider(null).GetStatus(string.Join('\n', lines)));
    }

    [Fact]
    public void ExtractionKeepsEveryLineOfTheLastAnswerAndNoChrome()
    {
        var provider = Provider(null);

        Assert.Equal("Hello from the fake model.\nSecond line here.\n\n- bullet one\n- bullet two", provider.ExtractLastMessage(Screen("completed")));
        Assert.Equal("Alpha beta gamma delta epsilon.\nZeta eta theta iota kappa.\nLambda mu nu xi omicron.",
            provider.ExtractLastMessage(Screen("completed_after_stream")));
        // A 220-column pane (as CAO opens them) shows a sidebar to the right of the answer.
        Assert.Equal("First line of the answer.\nSecond line.\n\nA last paragraph.", provider.ExtractLastMessage(Screen("wide_completed")));
        Assert.Equal("Sent.", provider.ExtractLastMessage(Screen("mcp_tool_completed")));
        // After a tool call only the model's words after it: not the "→ Read /etc/hostname" line.
        Assert.StartsWith("Read: <path>/etc/hostname</path>\n", provider.ExtractLastMessage(Screen("completed_after_tool")));
    }

    [Fact]
    public void AScreenWithNoFinishedTurnHasNothingToExtract()
    {
        Assert.Throws<ProviderExtractionException>(() => Provider(null).ExtractLastMessage(Screen("idle_splash")));
    }
}
