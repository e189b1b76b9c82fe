using System.Text.RegularExpressions;
using CliAgentOrchestrator.Plugins.Providers;

namespace Cao.GeminiCli;

// Status and extraction for Gemini CLI 0.61, an Ink TUI drawn inline (the transcript scrolls into tmux's
// history). The transcript holds the user's messages (" > text"), tool boxes ("╭ … │ ✓  send_message (…)
// … ╰") and the model's answers ("✦ text", further lines two columns in). Under it: while a turn runs, a
// spinner line "⠋ Thinking... (esc to cancel, 3s)"; then a rule ("────"), the input line (">   Type your
// message…", "*" instead of ">" in YOLO mode) and a footer (workspace, sandbox, model). A tool waiting for
// approval shows a box with "Allow once" options instead of the input line. Everything under the transcript is
// erased and drawn again on each spinner frame, so a capture can catch a frame without its lower part.
public sealed partial class GeminiCliProvider
{
    // Lines above the end of the transcript searched for a pending confirmation.
    private const int ConfirmationWindow = 40;

    // A message has been read on this terminal's screen (a provider instance serves one terminal).
    private bool _messageSeen;

    /// <inheritdoc />
    public override TerminalStatus GetStatus(string screen)
    {
        var lines = ScreenLines.Read(screen);
        if (lines.Length == 0) return TerminalStatus.Unknown;
        var rule = ScreenLines.LastIndex(lines, Rule());
        var transcriptEnd = rule >= 0 ? rule : lines.Length;
        var lastUser = ScreenLines.LastIndex(lines, UserMessage(), 0, transcriptEnd);
        if (lastUser >= 0) Volatile.Write(ref _messageSeen, true);

        var confirmation = ScreenLines.LastIndex(lines, Confirmation(), Math.Max(lastUser + 1, lines.Length - ConfirmationWindow));
        if (confirmation >= 0 && ScreenLines.LastIndex(lines, Busy(), confirmation + 1) < 0 && !PromptBelow(lines, rule, confirmation))
            return TerminalStatus.WaitingUserAnswer;
        if (ScreenLines.LastIndex(lines, Busy(), Math.Max(0, transcriptEnd - 3)) >= 0) return TerminalStatus.Processing;
        if (rule < 0 || ScreenLines.FirstIndex(lines, InputLine(), rule + 1) < 0)
            // Ink erases and redraws everything under the transcript on each spinner frame; a capture between the
            // two shows the turn without spinner or input box. After a message, that is a turn still running.
            return lastUser >= 0 ? TerminalStatus.Processing : TerminalStatus.Unknown;

        // Text in the input box: CAO has pasted a message and its Enter is on the way (or was taken as a new
        // line). The model may answer within milliseconds of that Enter, before CAO reads the screen again, so
        // the turn counts from the paste: a stale idle or completed reading would be reported meanwhile.
        if (InputHoldsText(lines, rule))
        {
            Volatile.Write(ref _messageSeen, true);
            return TerminalStatus.Processing;
        }
        if (lastUser < 0)
        {
            // An answer whose message scrolled out of view is still a finished turn; a frame with nothing at all
            // above the rule is Ink redrawing the whole screen, not the start screen (read as idle, it would stick).
            if (ScreenLines.LastIndex(lines, AnswerStart(), 0, transcriptEnd) >= 0) return TerminalStatus.Completed;
            // Once a message was on this terminal's screen, a screen without one is a frame caught between the
            // Enter and the message's drawing, not the start screen come back: read as idle, it would stick for
            // the whole turn (the latch keeps a ready state against the busy readings that follow).
            if (Volatile.Read(ref _messageSeen)) return TerminalStatus.Unknown;
            return lines[..transcriptEnd].Any(l => l.Trim().Length > 0 && !ShortcutsHint().IsMatch(l)) ? TerminalStatus.Idle : TerminalStatus.Unknown;
        }
        var answer = ScreenLines.LastIndex(lines, AnswerStart(), lastUser + 1, transcriptEnd);
        var error = ScreenLines.LastIndex(lines, ErrorLine(), lastUser + 1, transcriptEnd);
        if (error > answer) return TerminalStatus.Error;
        // A message without an answer below it: the turn has started but the spinner is not drawn yet
        // (read as idle, that moment would stick: the status latch keeps a ready state).
        return answer >= 0 ? TerminalStatus.Completed : TerminalStatus.Processing;
    }

    /// <inheritdoc />
    public override string ExtractLastMessage(string screen)
    {
        var lines = ScreenLines.Read(screen);
        var rule = ScreenLines.LastIndex(lines, Rule());
        var transcriptEnd = rule >= 0 ? rule : lines.Length;
        var start = ScreenLines.LastIndex(lines, AnswerStart(), 0, transcriptEnd);
        if (start < 0) throw new ProviderExtractionException("gemini_cli: no answer (✦ …) on the screen.");

        // The answer's first line follows the ✦; the rest is two columns in, blank lines between
        // paragraphs included, up to the first line that is not (a tool box, the next message, the hint).
        var body = new List<string> { AnswerStart().Replace(lines[start], "", 1) };
        for (var i = start + 1; i < transcriptEnd; i++)
        {
            var line = lines[i];
            if (line.Length == 0) { body.Add(""); continue; }
            if (!line.StartsWith(AnswerIndent, StringComparison.Ordinal) || ShortcutsHint().IsMatch(line)) break;
            body.Add(line[AnswerIndent.Length..]);
        }
        var message = ScreenLines.JoinMessage(body);
        if (message.Length == 0) throw new ProviderExtractionException("gemini_cli: the last answer is empty.");
        return message;
    }

    /// <inheritdoc />
    protected override string? BlockingStartupScreen(string plainScreen) => StartupBlocker(plainScreen);

    /// <summary>
    /// A one-line reason when the (escape-stripped) screen asks what CAO must not answer for the operator (how
    /// to sign in, an API key), so init fails at once instead of timing out; null otherwise.
    /// </summary>
    public static string? StartupBlocker(string plainScreen)
    {
        if (ScreenLines.ShowsUnanswered(plainScreen, "How would you like to authenticate", InputLine()))
            return "Gemini CLI asks how to sign in. Run `gemini` once yourself and choose, or set security.auth.selectedType in ~/.gemini/settings.json (with GEMINI_API_KEY for an API key).";
        if (ScreenLines.ShowsUnanswered(plainScreen, "Enter Gemini API Key", InputLine()))
            return "Gemini CLI asks for an API key. Export GEMINI_API_KEY before `cao server` (or pass it in the session's env_vars).";
        return null;
    }

    // The first input line under the rule holds something other than the placeholder.
    private static bool InputHoldsText(string[] lines, int rule)
    {
        var input = ScreenLines.FirstIndex(lines, InputLine(), rule + 1);
        if (input < 0) return false;
        var text = InputLine().Replace(lines[input], "", 1).Trim();
        return text.Length > 0 && !text.StartsWith(Placeholder, StringComparison.Ordinal);
    }

    private const string Placeholder = "Type your message";

    // A prompt drawn below the confirmation: it was answered and is only left in the transcript.
    private static bool PromptBelow(string[] lines, int rule, int confirmation) =>
        rule > confirmation && ScreenLines.FirstIndex(lines, InputLine(), rule + 1) >= 0;

    private const string AnswerIndent = "  ";

    [GeneratedRegex(@"^─{10,}\s*$")]
    private static partial Regex Rule();

    // " > text" in the transcript: a message the user (or CAO) sent.
    [GeneratedRegex(@"^ ?> \S")]
    private static partial Regex UserMessage();

    // The input line under the rule: ">   Type your message…", "*" in YOLO mode, "!" in shell mode, or typed text.
    [GeneratedRegex(@"^\s*[>*!]\s")]
    private static partial Regex InputLine();

    [GeneratedRegex(@"^✦ ?")]
    private static partial Regex AnswerStart();

    [GeneratedRegex(@"\(esc to cancel")]
    private static partial Regex Busy();

    [GeneratedRegex(@"Allow once|Apply this change\?|Do you want to proceed\?|Waiting for user confirmation")]
    private static partial Regex Confirmation();

    // "✕ [API Error: …]" and the like: the turn ended in an error.
    [GeneratedRegex(@"^\s?✕ ")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"^\s{20,}\S.*\? for shortcuts\s*$|^\s{40,}\S")]
    private static partial Regex ShortcutsHint();
}
