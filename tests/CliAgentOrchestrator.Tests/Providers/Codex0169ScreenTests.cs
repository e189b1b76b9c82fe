using CliAgentOrchestrator.Core.Providers;

namespace CliAgentOrchestrator.Tests.Providers;

/// <summary>
/// The rules on screens of the real Codex CLI 0.169.0 (captured by us with tmux against the fake
/// model server, <c>Screens/codex_0.169.0_*.txt</c>).
/// </summary>
public sealed class Codex0169ScreenTests
{
    private static readonly ProviderTimings Fast = TestTimings.Fast with { InitTimeout = TimeSpan.FromMilliseconds(500) };

    private static readonly CodexProvider Provider = new(new ProviderContext("0123abcd", "cao-t", "dev-ab12", null, null, Path.GetTempPath()));

    private static string Screen(string name) => Screens.Read($"codex_0.169.0_{name}.txt");

    [Theory]
    // The first paint: banner and a bare composer before the configuration is loaded; input now is lost.
    [InlineData("starting", TerminalStatus.Processing)]
    [InlineData("trust_dialog", TerminalStatus.WaitingUserAnswer)]
    // After the trust answer: the trust text and the first bare composer are left in the scrollback.
    [InlineData("ready", TerminalStatus.Idle)]
    [InlineData("working", TerminalStatus.Processing)]
    // Mid-stream: the composer is drawn and no "Working" line is left, yet the turn runs.
    [InlineData("streaming", TerminalStatus.Processing)]
    [InlineData("completed_nine_lines", TerminalStatus.Completed)]
    // Input typed while a required MCP server still starts waits in Codex's queue: not idle.
    [InlineData("queued_until_mcp_ready", TerminalStatus.Processing)]
    [InlineData("mcp_tool_call_completed", TerminalStatus.Completed)]
    // With approvals on (a codexProfile with approval_policy on-request): the command approval menu.
    [InlineData("approval", TerminalStatus.WaitingUserAnswer)]
    [InlineData("approval_answered", TerminalStatus.Completed)]
    public void StatusOfTheRealScreens(string screen, TerminalStatus expected)
    {
        Assert.Equal(expected, Provider.GetStatus(Screen(screen)));
    }

    [Fact]
    public void TheLastMessageIsTheWholeAnswerWithoutIndentOrTurnLine()
    {
        var expected = string.Join('\n', "Line one of the answer", "Line two", "Line three", "Line four", "Line five",
            "Line six", "Line seven", "Line eight", "Line nine is last");
        Assert.Equal(expected, Provider.ExtractLastMessage(Screen("completed_nine_lines")));
    }

    [Fact]
    public void AfterAnMcpToolCallTheLastMessageIsTheFinalAnswerNotTheCall()
    {
        var message = Provider.ExtractLastMessage(Screen("mcp_tool_call_completed"));
        Assert.StartsWith("done Wall time:", message);
        Assert.DoesNotContain("Called", message);
        Assert.DoesNotContain("Worked for", message);
    }

    [Fact]
    public void TheAnswerAfterAnApprovedCommandIsTheFinalMessage()
    {
        Assert.Equal("ran it", Provider.ExtractLastMessage(Screen("approval_answered")));
    }

    [Fact]
    public async Task TheTrustDialogIsAnsweredWithEnterAndInitWaitsForTheStatusFooter()
    {
        var provider = new CodexProvider(new ProviderContext("0123abcd", "cao-t", "dev-ab12", null, null, Path.GetTempPath()))
        {
            Timings = Fast with { InitTimeout = TimeSpan.FromSeconds(60) }, // the dialog stands for its settle time first
        };
        var console = new ScriptedConsole("$ ")
        {
            OnCommand = _ => Screen("trust_dialog"),
            OnKey = key => key == "Enter" ? Screen("ready") : null,
        };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(["Enter"], console.Keys);
    }

    [Fact]
    public async Task InitDoesNotEndOnTheFirstBareComposer()
    {
        var provider = new CodexProvider(new ProviderContext("0123abcd", "cao-t", "dev-ab12", null, null, Path.GetTempPath()))
        {
            Timings = Fast,
        };
        var console = new ScriptedConsole("$ ") { OnCommand = _ => Screen("starting") };

        await Assert.ThrowsAsync<TimeoutException>(() => provider.InitializeAsync(console, CancellationToken.None));
    }
}
