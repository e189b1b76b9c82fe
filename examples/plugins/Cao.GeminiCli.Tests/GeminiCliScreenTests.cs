using CliAgentOrchestrator.Plugins.Providers;

namespace Cao.GeminiCli.Tests;

/// <summary>The provider's screen rules against screens of the real Gemini CLI 0.61.0, checked with the SDK's <see cref="ProviderScreens"/>.</summary>
public sealed class GeminiCliScreenTests
{
    private const string Prefix = "gemini_cli_0.61.0_";

    // A new provider per use: it remembers what its terminal showed, as the server's one per terminal does.
    private static GeminiCliProvider Provider => new(new ProviderContext("a1b2c3d4", "cao-test", "developer-0001", null, null, Path.GetTempPath()));

    private static string Screen(string name) => Path.Combine(AppContext.BaseDirectory, "Screens", Prefix + name + ".txt");

    [Theory]
    [InlineData("idle", TerminalStatus.Idle)]
    [InlineData("processing", TerminalStatus.Processing)]
    [InlineData("completed", TerminalStatus.Completed)]
    [InlineData("waiting_user_answer", TerminalStatus.WaitingUserAnswer)]
    [InlineData("tool_then_answer", TerminalStatus.Completed)]
    [InlineData("mcp_tool_running", TerminalStatus.Processing)]
    [InlineData("mcp_tool_completed", TerminalStatus.Completed)]
    [InlineData("redraw_frame_tool_running", TerminalStatus.Processing)]
    public void Each_captured_screen_reads_as_its_status(string name, TerminalStatus expected) =>
        ProviderScreens.AssertStatus(Provider, Screen(name), expected);

    [Fact]
    public void The_whole_multi_line_answer_is_extracted_without_the_marker_and_indent() =>
        ProviderScreens.AssertLastMessage(Provider, Screen("completed"), "First line of the answer.\nSecond line.\n\nA last paragraph.");

    [Fact]
    public void After_a_tool_call_only_the_models_last_words_are_the_answer() =>
        ProviderScreens.AssertLastMessage(Provider, Screen("tool_then_answer"), "Sent.");

    [Fact]
    public void After_caos_send_message_tool_the_answer_is_the_models_reply() =>
        ProviderScreens.AssertLastMessage(Provider, Screen("mcp_tool_completed"), "Sent.");

    [Fact]
    public void A_frame_with_nothing_above_the_input_box_is_not_taken_for_the_start_screen()
    {
        // Ink redraws the whole screen at times; a frame caught mid-redraw must not read as idle (that would stick).
        var idle = ProviderScreens.Load(Screen("idle"));
        var lines = idle.Split('\n').ToList();
        var rule = lines.FindLastIndex(l => AnsiText.Strip(l).TrimStart().StartsWith("──────────", StringComparison.Ordinal));
        Assert.Equal(TerminalStatus.Unknown, Provider.GetStatus(string.Join('\n', lines.Skip(rule))));
    }

    [Fact]
    public void A_screen_without_an_answer_has_nothing_to_extract() =>
        Assert.Throws<ProviderExtractionException>(() => Provider.ExtractLastMessage(ProviderScreens.Load(Screen("idle"))));

    [Fact]
    public void A_message_sent_but_not_yet_answered_reads_as_processing()
    {
        // The instant after Enter: the message is in the transcript, the spinner not drawn yet.
        var idle = ProviderScreens.Load(Screen("idle"));
        var lines = idle.Split('\n').ToList();
        var rule = lines.FindLastIndex(l => AnsiText.Strip(l).TrimStart().StartsWith("──────────", StringComparison.Ordinal));
        lines.Insert(rule, " > [[reply: hello]]");
        Assert.Equal(TerminalStatus.Processing, Provider.GetStatus(string.Join('\n', lines)));
    }

    [Fact]
    public void After_a_message_a_frame_without_it_is_not_taken_for_the_start_screen()
    {
        // The frame between the Enter and the message's drawing looks like the start screen; read as idle it
        // would stick through the whole turn. The same screen before any message is idle.
        var provider = Provider;
        var start = ProviderScreens.Load(Screen("idle"));
        Assert.Equal(TerminalStatus.Idle, provider.GetStatus(start));
        Assert.Equal(TerminalStatus.Processing, provider.GetStatus(ProviderScreens.Load(Screen("mcp_tool_running"))));
        Assert.Equal(TerminalStatus.Unknown, provider.GetStatus(start));

        // The same when the only message seen so far was still in the input box (the frame before the Enter).
        var another = Provider;
        Assert.Equal(TerminalStatus.Processing, another.GetStatus(start.Replace("Type your message or @path/to/file", "[[reply: next]]              ", StringComparison.Ordinal)));
        Assert.Equal(TerminalStatus.Unknown, another.GetStatus(start));
    }

    [Fact]
    public void A_message_pasted_into_the_input_box_reads_as_processing_before_its_enter()
    {
        var idle = ProviderScreens.Load(Screen("completed"));
        var pasted = idle.Replace("Type your message or @path/to/file", "[[reply: next]]              ", StringComparison.Ordinal);
        Assert.NotEqual(idle, pasted);
        Assert.Equal(TerminalStatus.Processing, Provider.GetStatus(pasted));
    }

    [Fact]
    public void An_api_error_after_the_last_message_reads_as_error()
    {
        var idle = ProviderScreens.Load(Screen("idle"));
        var lines = idle.Split('\n').ToList();
        var rule = lines.FindLastIndex(l => AnsiText.Strip(l).TrimStart().StartsWith("──────────", StringComparison.Ordinal));
        lines.InsertRange(rule, [" > [[reply: hello]]", "✕ [API Error: fetch failed]"]);
        Assert.Equal(TerminalStatus.Error, Provider.GetStatus(string.Join('\n', lines)));
    }

    [Fact]
    public void The_sign_in_choice_stops_start_up_with_a_one_line_reason()
    {
        var screen = "│ ? Get started\n│   How would you like to authenticate for this project?\n│   ● 1. Sign in with Google\n│     2. Use Gemini API Key\n";
        var reason = GeminiCliProvider.StartupBlocker(screen);
        Assert.NotNull(reason);
        Assert.Contains("sign in", reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', reason);
    }
}
