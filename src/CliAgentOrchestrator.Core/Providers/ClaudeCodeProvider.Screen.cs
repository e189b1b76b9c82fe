using System.Text.RegularExpressions;

namespace CliAgentOrchestrator.Core.Providers;

// Status and extraction for Claude Code (classic renderer, see LaunchVariables). The input box (a `❯`
// line between `─` rules, with a footer below) is always drawn, even while Claude works, so its presence
// alone never means idle. What decides:
// - a question at the bottom instead of the input box (permission prompt, auto-mode notice, any
//   "Enter to confirm · Esc to cancel" menu, numbered or not) → waiting_user_answer;
// - "esc to interrupt" in the footer, or a spinner line ("✢ Cultivating…") after the last submitted
//   message → processing (the spinner line vanishes while the answer streams; the footer hint stays
//   until the turn is over);
// - an answer (⏺/●) or a turn summary ("✻ Brewed for 6s") after the last submitted message → completed.
public sealed partial class ClaudeCodeProvider
{
    // Non-blank lines at the bottom searched for a permission/selection menu.
    private const int MenuTailLines = 12;

    // The hint line of a menu is among the last few lines: nothing is drawn below a question.
    private const int MenuHintLines = 3;

    /// <inheritdoc />
    public override TerminalStatus GetStatus(string screen)
    {
        var lines = ScreenLines.Read(screen);
        if (lines.Length == 0) return TerminalStatus.Unknown;

        if (IsMenuShowing(lines)) return TerminalStatus.WaitingUserAnswer;

        var input = ScreenLines.LastIndex(lines, PromptLine());
        var lastUser = input < 0 ? -1 : ScreenLines.LastIndex(lines, TypedPromptLine(), before: input);
        var interruptible = input >= 0 && ScreenLines.LastIndex(lines, EscToInterrupt(), input + 1) >= 0;
        var spinner = ScreenLines.LastIndex(lines, SpinnerLine());
        var done = ScreenLines.LastIndex(lines, SummaryLine());
        if (interruptible || (spinner > done && spinner > lastUser)) return TerminalStatus.Processing;

        if (input < 0) return TerminalStatus.Unknown;
        var answer = ScreenLines.LastIndex(lines, AnswerLine(), lastUser + 1, input);
        var error = ScreenLines.LastIndex(lines, ApiErrorLine(), lastUser + 1, input);
        if (error > answer) return TerminalStatus.Error;
        // A summary line counts only after a submitted message; at start-up there is none.
        return answer >= 0 || (lastUser >= 0 && done > lastUser) ? TerminalStatus.Completed : TerminalStatus.Idle;
    }

    /// <inheritdoc />
    public override string ExtractLastMessage(string screen)
    {
        var lines = ScreenLines.Read(screen);
        var input = ScreenLines.LastIndex(lines, PromptLine());
        var answer = ScreenLines.LastIndex(lines, AnswerLine(), 0, input < 0 ? null : input);
        if (answer < 0) throw new ProviderExtractionException("claude_code: no answer marker (⏺/●) on the screen.");

        var body = new List<string> { AnswerLine().Replace(lines[answer], "", 1) };
        foreach (var line in lines.Skip(answer + 1))
        {
            if (PromptLine().IsMatch(line) || Separator().IsMatch(line) || SummaryLine().IsMatch(line)
                || SpinnerLine().IsMatch(line) || FooterLine().IsMatch(line)) break;
            // Continuation lines are indented under the marker; drop that indent only.
            body.Add(line.StartsWith("  ", StringComparison.Ordinal) ? line[2..] : line);
        }
        var message = ScreenLines.JoinMessage(body);
        if (message.Length == 0) throw new ProviderExtractionException("claude_code: the last answer is empty.");
        return message;
    }

    // A menu is at the bottom of the screen (nothing is drawn under a question) and ends with its key
    // hints, or asks "Do you want to …?" over its options: numbered ("❯ 1. Yes") in permission prompts,
    // bare (" ❯ No" / "   Yes") when auto mode cannot check an action.
    private static bool IsMenuShowing(string[] lines)
    {
        var tail = lines.Where(l => l.Trim().Length > 0).TakeLast(MenuTailLines).ToArray();
        if (tail.TakeLast(MenuHintLines).Any(l => MenuHintLine().IsMatch(l))) return true;
        var question = Array.FindLastIndex(tail, l => ProceedQuestion().IsMatch(l));
        return question >= 0 && tail.Skip(question + 1).Any(l => OptionLine().IsMatch(l));
    }

    // The input line or a submitted message: `❯`/`>` then a space (or nothing) at the line start.
    [GeneratedRegex(@"^\s*[>❯](\s|$)")]
    private static partial Regex PromptLine();

    // The empty input box: once it is drawn, start-up dialogs above it are history.
    [GeneratedRegex(@"^\s*[>❯]$")]
    private static partial Regex EmptyInputLine();

    [GeneratedRegex(@"^\s*[>❯]\s+\S")]
    private static partial Regex TypedPromptLine();

    // Answer blocks start with ⏺ (older releases) or ● (newer).
    [GeneratedRegex(@"^\s*[⏺●](\s|$)")]
    private static partial Regex AnswerLine();

    // "✢ Cultivating… (3s · ↓ 1 tokens)": a spinner glyph, a verb, an ellipsis.
    [GeneratedRegex(@"^\s*[✶✢✽✻✳✺✹✸·*⋆+]\s*\p{L}[\p{L}\p{M}'-]*(…|\.\.\.)")]
    private static partial Regex SpinnerLine();

    [GeneratedRegex(@"esc to interrupt", RegexOptions.IgnoreCase)]
    private static partial Regex EscToInterrupt();

    // "✻ Sautéed for 1s", "✻ Worked for 1m 12s", "✻ Brewed for 6s · done 4:15 AM": the turn is over.
    [GeneratedRegex(@"^\s*[✶✢✽✻✳✺✹✸·*⋆+]\s*\p{L}[\p{L}\p{M}'-]*\s+for\s+\d+(\.\d+)?\s*[smh]\b")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"^\s*(⎿\s*)?API Error", RegexOptions.IgnoreCase)]
    private static partial Regex ApiErrorLine();

    [GeneratedRegex(@"^\s*[─━]{20,}")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^\s*(⏵⏵|⏸|\? for shortcuts)")]
    private static partial Regex FooterLine();

    // "Enter to confirm · Esc to cancel", "Esc to cancel · Tab to amend", "Enter to stay in auto mode · …".
    [GeneratedRegex(@"^\s*(Enter to (confirm|continue|stay|select)|Esc to (cancel|exit)|Press Enter to continue|↑/↓ to navigate)", RegexOptions.IgnoreCase)]
    private static partial Regex MenuHintLine();

    [GeneratedRegex(@"(Do you want|Would you like) to [^\n]*\?")]
    private static partial Regex ProceedQuestion();

    // "❯ 1. Yes", "  2. No, and tell Claude…", " ❯ No", "   Yes".
    [GeneratedRegex(@"^\s*(❯\s*)?(\d+\.\s+\S|(Yes|No)\b)")]
    private static partial Regex OptionLine();
}
