using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Plugins.Providers;

namespace CliAgentOrchestrator.ReferenceScreens.Tests;

/// <summary>Every row of the reference screens' README, against the provider that produced the screen.</summary>
public sealed class ReferenceScreenTests
{
    private static IProvider ProviderFor(string file)
    {
        var context = new ProviderContext("0123abcd", "cao-test", "developer-ab12", null, null, Path.GetTempPath(), AgentProfileName: "developer");
        if (file.StartsWith("claude_code", StringComparison.Ordinal)) return new ClaudeCodeProvider(context);
        if (file.StartsWith("codex", StringComparison.Ordinal)) return new CodexProvider(context);
        if (file.StartsWith("kiro", StringComparison.Ordinal)) return new KiroCliProvider(context);
        throw new ArgumentException("no provider for " + file);
    }

    public static TheoryData<string, TerminalStatus> StatusRows => new()
    {
        { "claude_code_new_tui_completed_raw.txt", TerminalStatus.Completed },
        { "codex_idle_output.txt", TerminalStatus.Idle },
        { "codex_processing_output.txt", TerminalStatus.Processing },
        { "codex_completed_output.txt", TerminalStatus.Completed },
        { "codex_error_output.txt", TerminalStatus.Error },
        { "codex_permission_output.txt", TerminalStatus.WaitingUserAnswer },
        { "codex_approval_modal.txt", TerminalStatus.WaitingUserAnswer },
        { "codex_approval_modal_raw.txt", TerminalStatus.WaitingUserAnswer },
        { "codex_approval_edits_raw.txt", TerminalStatus.WaitingUserAnswer },
        // The approval modal is history (not waiting). The bullet answer under it has no "Worked for"
        // line, which real Codex (0.169.0) prints when a turn ends and which is the only sign that
        // the answer has finished streaming: so the turn still reads as running.
        { "codex_approval_modal_scrollback.txt", TerminalStatus.Processing },
        { "codex_update_dialog.txt", TerminalStatus.WaitingUserAnswer },
        { "codex_update_dialog_scrollback.txt", TerminalStatus.Idle },
        { "codex_approval_long_preview_raw.txt", TerminalStatus.WaitingUserAnswer },
        { "kiro_cli_idle_output.txt", TerminalStatus.Idle },
        { "kiro_cli_processing_output.txt", TerminalStatus.Processing },
        { "kiro_cli_completed_output.txt", TerminalStatus.Completed },
        { "kiro_cli_error_output.txt", TerminalStatus.Error },
        { "kiro_cli_permission_output.txt", TerminalStatus.WaitingUserAnswer },
        { "kiro_cli_permission_active_empty.txt", TerminalStatus.WaitingUserAnswer },
        { "kiro_cli_permission_active_injection.txt", TerminalStatus.WaitingUserAnswer },
        { "kiro_cli_permission_active_partial_typing.txt", TerminalStatus.WaitingUserAnswer },
        { "kiro_cli_handoff_successful.txt", TerminalStatus.Completed },
        { "kiro_cli_handoff_error.txt", TerminalStatus.Error },
        { "kiro_cli_tui_idle_output.txt", TerminalStatus.Idle },
        { "kiro_cli_tui_processing_output.txt", TerminalStatus.Processing },
        { "kiro_cli_tui_completed_output.txt", TerminalStatus.Completed },
        { "kiro_trust_all_tools_dialog_active.txt", TerminalStatus.WaitingUserAnswer },
        { "kiro_trust_all_tools_dialog_in_scrollback.txt", TerminalStatus.Completed },
    };

    [Theory]
    [MemberData(nameof(StatusRows))]
    public void FixtureScreenHasTheDocumentedStatus(string file, TerminalStatus expected)
    {
        Assert.Equal(expected, ProviderFor(file).GetStatus(ReferenceScreens.Read(file)));
    }

    [Fact]
    public void StaleKiroPermissionPromptIsNotWaiting()
    {
        const string file = "kiro_cli_permission_stale_long_response.txt";
        Assert.NotEqual(TerminalStatus.WaitingUserAnswer, ProviderFor(file).GetStatus(ReferenceScreens.Read(file)));
    }

    public static TheoryData<string, string[]> ExtractionRows => new()
    {
        { "codex_completed_output.txt", ["Here's the fix", "All tests now pass."] },
        { "codex_complex_response.txt", ["def add(a, b):", "Let me know"] },
        { "kiro_cli_complex_response.txt", ["Python Example"] },
        { "kiro_cli_tui_completed_output.txt", ["comprehensive response"] },
        { "kiro_cli_completed_output.txt", ["comprehensive response", "Code examples"] },
        { "claude_code_new_tui_completed_raw.txt", ["def greet(name):", "Hello, {name}!"] },
    };

    [Theory]
    [MemberData(nameof(ExtractionRows))]
    public void ExtractionKeepsTheAnswerText(string file, string[] expected)
    {
        var message = ProviderFor(file).ExtractLastMessage(ReferenceScreens.Read(file));
        foreach (var part in expected) Assert.Contains(part, message);
        Assert.DoesNotContain('\u001b', message);
    }

    [Fact]
    public void CodexExtractionDropsTheUserMessageAndLabels()
    {
        var message = ProviderFor("codex_completed_output.txt").ExtractLastMessage(ReferenceScreens.Read("codex_completed_output.txt"));
        Assert.Equal("Here's the fix with updated tests.\n\nAll tests now pass.", message);
    }

    [Fact]
    public void KiroCompletedExtractionLeavesNoEscapesOrPrompt()
    {
        var message = ProviderFor("kiro_cli_completed_output.txt").ExtractLastMessage(ReferenceScreens.Read("kiro_cli_completed_output.txt"));
        Assert.StartsWith("Here is a comprehensive response", message);
        Assert.DoesNotContain("[developer]", message);
        Assert.DoesNotContain("[38;5", message);
    }

    [Fact]
    public void KiroTuiExtractionDropsTheEchoedQuestionAndCredits()
    {
        var message = ProviderFor("kiro_cli_tui_completed_output.txt").ExtractLastMessage(ReferenceScreens.Read("kiro_cli_tui_completed_output.txt"));
        Assert.DoesNotContain("What files are in this directory?", message);
        Assert.DoesNotContain("Credits", message);
        Assert.Contains("- src/index.ts", message);
    }

    [Fact]
    public void KiroHandoffSuccessYieldsANonEmptyMessage()
    {
        var message = ProviderFor("kiro_cli_handoff_successful.txt").ExtractLastMessage(ReferenceScreens.Read("kiro_cli_handoff_successful.txt"));
        Assert.Contains("Handoff completed successfully", message);
    }

    [Fact]
    public void KiroHandoffErrorStillYieldsTheLastMessage()
    {
        var message = ProviderFor("kiro_cli_handoff_error.txt").ExtractLastMessage(ReferenceScreens.Read("kiro_cli_handoff_error.txt"));
        Assert.Contains("Attempting to delegate", message);
        Assert.Contains("target agent is not available", message);
    }

    [Fact]
    public void ClaudeExtractionStopsBeforeTheSpinnerLine()
    {
        var message = ProviderFor("claude_code_new_tui_completed_raw.txt").ExtractLastMessage(ReferenceScreens.Read("claude_code_new_tui_completed_raw.txt"));
        Assert.DoesNotContain("Cultivating", message);
        Assert.DoesNotContain("●", message);
        // Claude draws indentation with cursor moves; the code keeps its four-space indent.
        Assert.Equal("def greet(name):\n    return f\"Hello, {name}!\"", message);
    }

    [Theory]
    [InlineData("kiro_cli_2_13_0_chat_help.txt", "--legacy-ui")]
    [InlineData("kiro_cli_2_13_0_chat_help.txt", "--agent-engine")]
    [InlineData("kiro_cli_2_13_0_chat_help.txt", "--trust-all-tools")]
    [InlineData("kiro_cli_2_13_0_root_help.txt", "--agent")]
    public void KiroLaunchFlagsExistInKiro2Point13Help(string helpFile, string flag)
    {
        Assert.Contains(flag, ReferenceScreens.Read(helpFile));
        var context = new ProviderContext("0123abcd", "cao-test", "developer-ab12", null, ["*"], Path.GetTempPath(), AgentProfileName: "developer");
        Assert.Contains(flag, new KiroCliProvider(context).BuildLaunchCommand());
    }

    [Theory]
    [InlineData("codex_idle_output.txt")]
    [InlineData("kiro_cli_idle_output.txt")]
    [InlineData("kiro_cli_processing_output.txt")]
    public void ScreensWithoutAnAnswerRefuseExtraction(string file)
    {
        Assert.Throws<ProviderExtractionException>(() => ProviderFor(file).ExtractLastMessage(ReferenceScreens.Read(file)));
    }
}
