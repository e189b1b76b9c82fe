using System.Text.RegularExpressions;
using CliAgentOrchestrator.Plugins.Providers;

// Registers the provider at server start: the key then works wherever a built-in's does
// (`cao launch --provider my_plugin`, a profile's `provider:`, GET /agents/providers). Binary is the
// program GET /agents/providers looks for on the PATH to say whether the CLI is installed.
[assembly: CaoProvider("my_plugin", typeof(Cao.MyPlugin.MyPluginProvider), Binary = Cao.MyPlugin.MyPluginProvider.Binary)]

namespace Cao.MyPlugin;

/// <summary>
/// Drives a made-up agent CLI, <c>my_plugin</c>, that draws a transcript like this (see
/// tests/MyPlugin.Tests/Screens):
/// <code>
/// > the user's message
/// • the answer, maybe on
///   several lines
/// >
/// </code>
/// Replace the binary, the launch command and the three screen patterns with your CLI's; capture its pane
/// in each state (<c>tmux capture-pane -p -e -S -</c>) into the Screens folder and let the tests check the rules.
/// </summary>
public sealed partial class MyPluginProvider(ProviderContext context) : ProviderBase(context)
{
    /// <summary>The CLI's program name. Change it to your CLI's.</summary>
    public const string Binary = "my_plugin";

    public override string Key => "my_plugin";

    // What CAO types to leave the CLI when the terminal is closed.
    public override string ExitCommand => "/exit";

    // Used in the init error message ("Check that '<hint>' works in a shell").
    protected override string LaunchBinaryHint => Binary;

    // Typed into the terminal's shell once. Add your CLI's flags here: no auto-update, no telemetry, the
    // profile's model (Context.Profile?.Model) or prompt (write it with WriteTempFile and pass the path).
    public override string BuildLaunchCommand() => ShellQuote.Join([Binary, "--no-update-check"]);

    // Read on every screen change. The CLI is idle at an empty prompt, completed when an answer follows
    // the last message typed, processing while no prompt is at the bottom.
    public override TerminalStatus GetStatus(string screen)
    {
        var lines = ScreenLines.Read(screen);
        if (lines.Length == 0)
            return TerminalStatus.Unknown;
        var turn = ScreenLines.LastIndex(lines, TypedPrompt()) + 1;
        if (ScreenLines.LastIndex(lines, ErrorLine(), turn) >= 0)
            return TerminalStatus.Error;
        if (!EmptyPrompt().IsMatch(lines[^1]))
            return TerminalStatus.Processing;
        return ScreenLines.LastIndex(lines, AnswerStart(), turn) >= 0 ? TerminalStatus.Completed : TerminalStatus.Idle;
    }

    // What `handoff` returns and GET /terminals/{id}/output?mode=last shows: the answer after the last message typed,
    // its marker removed, up to the next prompt.
    public override string ExtractLastMessage(string screen)
    {
        var lines = ScreenLines.Read(screen);
        var turn = ScreenLines.LastIndex(lines, TypedPrompt()) + 1;
        var start = ScreenLines.FirstIndex(lines, AnswerStart(), turn);
        if (start < 0)
            throw new ProviderExtractionException("my_plugin: no answer after the last message on the screen");
        var end = ScreenLines.FirstIndex(lines, EmptyPrompt(), start);
        var answer = lines[start..(end < 0 ? lines.Length : end)];
        answer[0] = AnswerStart().Replace(answer[0], "", 1);
        return ScreenLines.JoinMessage(answer.Select(line => line.Trim()));
    }

    // The CLI's prompt with nothing typed: it waits for input.
    [GeneratedRegex(@"^>\s*$")]
    private static partial Regex EmptyPrompt();

    // The prompt with a message typed after it: a turn starts.
    [GeneratedRegex(@"^>\s*\S")]
    private static partial Regex TypedPrompt();

    // The first line of an answer.
    [GeneratedRegex(@"^•\s?")]
    private static partial Regex AnswerStart();

    // How the CLI reports a failed turn.
    [GeneratedRegex(@"^Error:")]
    private static partial Regex ErrorLine();
}
