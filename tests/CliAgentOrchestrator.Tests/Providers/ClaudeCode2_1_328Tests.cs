using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Providers;

/// <summary>
/// The claude_code rules on screens of the real Claude Code 2.1.328 (captured by the end-to-end tests,
/// <c>claude_code_2.1.328_*.txt</c>), and how CAO launches and starts it.
/// </summary>
public sealed class ClaudeCode2_1_328Tests : IDisposable
{
    private const string Version = "claude_code_2.1.328_";

    private static readonly ProviderTimings Fast = TestTimings.Fast with { CliStartGrace = TimeSpan.FromMilliseconds(200) };

    private readonly TempDirectory _home = new();

    private ClaudeCodeProvider Provider(AgentProfile? profile = null, bool root = false, Dictionary<string, string>? variables = null, ProviderTimings? timings = null) =>
        new(new ProviderContext("0123abcd", "cao-t", "developer-ab12", profile, null, _home.Path, AgentProfileName: "developer", OperatorVariables: variables))
        { RunningAsRoot = root, Timings = timings ?? Fast };

    private static string Screen(string name) => Screens.Read(Version + name + ".txt");

    [Theory]
    [InlineData("trust_dialog", TerminalStatus.WaitingUserAnswer)]
    [InlineData("api_key_dialog", TerminalStatus.WaitingUserAnswer)]
    [InlineData("bypass_dialog", TerminalStatus.WaitingUserAnswer)]
    [InlineData("idle", TerminalStatus.Idle)]
    [InlineData("spinner", TerminalStatus.Processing)]
    [InlineData("streaming", TerminalStatus.Processing)]
    [InlineData("completed", TerminalStatus.Completed)]
    [InlineData("multiline_completed", TerminalStatus.Completed)]
    [InlineData("mcp_tool_completed", TerminalStatus.Completed)]
    [InlineData("permission_prompt", TerminalStatus.WaitingUserAnswer)]
    [InlineData("auto_mode_cannot_check", TerminalStatus.WaitingUserAnswer)]
    [InlineData("mcp_approval_no_first", TerminalStatus.WaitingUserAnswer)]
    public void Each_captured_screen_reads_as_its_status(string screen, TerminalStatus expected)
    {
        Assert.Equal(expected, Provider().GetStatus(Screen(screen)));
    }

    [Fact]
    public void The_last_message_is_the_answer_text_alone()
    {
        Assert.Equal("The answer is 42, and nothing else.", Provider().ExtractLastMessage(Screen("completed")));
    }

    [Fact]
    public void A_multi_line_answer_is_read_whole_without_marker_indent_summary_or_footer()
    {
        // The reply was "First line…\nSecond line here.\n\n- a bullet\n- another bullet\nLast line.": Claude's
        // markdown renderer continues the last list item with the line after it.
        Assert.Equal("First line of the answer.\nSecond line here.\n\n- a bullet\n- another bullet\n  Last line.",
            Provider().ExtractLastMessage(Screen("multiline_completed")));
    }

    [Fact]
    public void After_an_mcp_tool_call_the_last_message_is_the_reply_that_follows_it()
    {
        Assert.StartsWith("sent: {\"success\":false", Provider().ExtractLastMessage(Screen("mcp_tool_completed")));
    }

    [Theory]
    [InlineData("trust_dialog", "Yes, I trust this folder", new[] { "Down" })]
    [InlineData("api_key_dialog", "Yes", new[] { "Up" })]
    [InlineData("bypass_dialog", "Yes, I accept", new[] { "Down" })]
    public void Dialog_options_are_chosen_by_name_from_where_the_cursor_is(string screen, string option, string[] keys)
    {
        Assert.Equal(keys, MenuCursor.KeysToChoose(AnsiText.Strip(Screen(screen)), option));
    }

    [Theory]
    [InlineData("trust_dialog", "Yes, I trust this folder")]
    [InlineData("api_key_dialog", "Yes")]
    [InlineData("bypass_dialog", "Yes, I accept")]
    public void Enter_is_pressed_only_once_the_screen_shows_the_cursor_on_the_option(string screen, string option)
    {
        Assert.Equal(["Enter"], MenuCursor.KeysToChoose(CursorOn(AnsiText.Strip(Screen(screen)), option), option));
    }

    [Fact]
    public void A_menu_without_the_option_gets_no_keys()
    {
        Assert.Empty(MenuCursor.KeysToChoose(AnsiText.Strip(Screen("trust_dialog")), "Maybe"));
    }

    [Fact]
    public async Task Init_accepts_the_trust_dialog_then_the_api_key_and_is_ready_at_the_input_box()
    {
        var provider = Provider();
        var console = new ScriptedConsole("$ ") { OnCommand = _ => Screen("trust_dialog") };
        console.OnKey = key => key switch
        {
            "Down" => CursorOn(AnsiText.Strip(Screen("trust_dialog")), "Yes, I trust this folder"),
            "Up" => CursorOn(AnsiText.Strip(Screen("api_key_dialog")), "Yes"),
            _ => console.Keys.Count == 2 ? Screen("api_key_dialog") : Screen("idle"),
        };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(["Down", "Enter", "Up", "Enter"], console.Keys);
    }

    [Fact]
    public async Task A_cursor_move_the_cli_missed_is_sent_again_and_enter_waits_for_the_cursor_on_the_option()
    {
        // The first Down reaches a dialog that is drawn but not yet listening: the cursor stays on "No, exit".
        var provider = Provider(timings: Fast with { DialogRetryAfter = TimeSpan.FromMilliseconds(30) });
        var console = new ScriptedConsole("$ ") { OnCommand = _ => Screen("trust_dialog") };
        console.OnKey = key => key switch
        {
            "Down" when console.Keys.Count == 1 => null,
            "Down" => CursorOn(AnsiText.Strip(Screen("trust_dialog")), "Yes, I trust this folder"),
            _ => Screen("idle"),
        };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(["Down", "Down", "Enter"], console.Keys);
    }

    // The screen with the menu's cursor glyph moved onto the option starting with `option`, as the CLI
    // draws it after the cursor moves.
    private static string CursorOn(string plainScreen, string option)
    {
        var lines = plainScreen.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].TrimStart();
            if (text.StartsWith("❯ ", StringComparison.Ordinal)) lines[i] = lines[i].Replace("❯ ", "  ");
            else if (text.StartsWith(option, StringComparison.Ordinal)) lines[i] = lines[i].Replace(option, "❯ " + option);
        }
        return string.Join('\n', lines);
    }

    [Fact]
    public async Task A_first_run_setup_screen_fails_init_at_once_with_advice()
    {
        var provider = Provider();
        var console = new ScriptedConsole("$ ") { OnCommand = _ => " Let's get started.\n\n Choose the text style that looks best with your terminal\n\n ❯ 1. Dark mode ✔\n   2. Light mode" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.InitializeAsync(console, CancellationToken.None));

        Assert.Contains("first-run setup", error.Message);
        Assert.Empty(console.Keys);
    }

    [Fact]
    public async Task A_cli_that_exits_during_start_up_fails_init_at_once_with_its_last_words()
    {
        var provider = Provider();
        var console = new ScriptedConsole("$ ")
        {
            CliCommand = "bash",
            OnCommand = _ => "$ claude --dangerously-skip-permissions\n--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons\n$ ",
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.InitializeAsync(console, CancellationToken.None));

        Assert.Contains("exited during start-up", error.Message);
        Assert.EndsWith(": --dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void As_root_claude_starts_in_accept_edits_mode_with_cao_tools_and_the_profile_tools_allowed()
    {
        var command = Provider(ProfileSamples.Supervisor(), root: true).BuildLaunchCommand();

        Assert.Contains("--permission-mode acceptEdits", command);
        Assert.DoesNotContain("--dangerously-skip-permissions", command);
        Assert.Contains("--allowedTools ", command);
        Assert.Contains("mcp__cao-mcp-server", command);
    }

    [Fact]
    public void As_root_on_a_machine_the_operator_declared_a_sandbox_bypass_mode_is_used()
    {
        var fromRequest = Provider(ProfileSamples.Supervisor(), root: true, new() { ["IS_SANDBOX"] = "1" }).BuildLaunchCommand();

        Assert.Contains("--dangerously-skip-permissions", fromRequest);
        Assert.DoesNotContain("IS_SANDBOX=1 ", fromRequest); // already in the window's environment
    }

    [Fact]
    public void Allow_rules_follow_the_cao_allow_list_and_always_include_caos_own_server()
    {
        var supervisor = ClaudeCodeProvider.AllowRules(["@cao-mcp-server", "fs_read", "fs_list", "@docs/search"], ProfileSamples.Supervisor());
        Assert.Equal(["Read", "Grep", "Glob", "LS", "mcp__cao-mcp-server", "mcp__docs__search"], supervisor);

        var narrow = ClaudeCodeProvider.AllowRules(["fs_read"], ProfileSamples.Supervisor());
        Assert.Equal(["Read", "Grep", "mcp__cao-mcp-server"], narrow);

        var everything = ClaudeCodeProvider.AllowRules(null, ProfileSamples.Supervisor());
        Assert.Contains("Bash", everything);
        Assert.Contains("mcp__docs", everything);
    }

    // The classic renderer keeps long answers in tmux's scrollback; a long MCP call (a handoff) stays in
    // the foreground instead of ending the turn after two minutes.
    [Fact]
    public void The_classic_renderer_and_foreground_mcp_calls_are_set_for_the_claude_process()
    {
        var command = Provider(ProfileSamples.Supervisor()).BuildLaunchCommand();

        Assert.Contains("; CLAUDE_CODE_NO_FLICKER=0 CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS=0 claude ", command);
    }

    [Fact]
    public void Session_markers_are_unset_but_not_the_ones_the_operator_set_for_the_agent()
    {
        var plain = Provider(ProfileSamples.Supervisor()).BuildLaunchCommand();
        var kept = Provider(ProfileSamples.Supervisor(), variables: new() { ["CLAUDECODE"] = "1" }).BuildLaunchCommand();

        static string[] Unset(string command) => command.StartsWith("unset ", StringComparison.Ordinal) ? command[6..command.IndexOf(';')].Split(' ') : [];
        Assert.Contains("CLAUDECODE", Unset(plain));
        Assert.Contains("CLAUDE_CODE_ENTRYPOINT", Unset(plain));
        Assert.DoesNotContain("CLAUDECODE", Unset(kept));
        Assert.Contains("CLAUDE_CODE_ENTRYPOINT", Unset(kept));
    }

    public void Dispose() => _home.Dispose();
}
